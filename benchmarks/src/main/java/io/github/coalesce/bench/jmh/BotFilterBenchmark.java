package io.github.coalesce.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewWriter;

/**
 * The bot filter, measured where an application meets it: {@code ViewCounter.record} with the viewer of a browser
 * request (cooldown off, nothing flushed during the measurement, as in {@link RecordBenchmark}).
 * <ul>
 * <li>{@code newString}: the User-Agent made anew each call from its bytes, as each request's header is, with the
 * filter off: the baseline to subtract;</li>
 * <li>{@code newStringThroughFilter}: the same with the filter on, so its table of recent verdicts hashes and compares
 * the new string in full;</li>
 * <li>{@code automatonOnly}: the filter on, over {@value #FIRST_SEEN} distinct browser User-Agents in turn, eight times
 * the table's 512 slots, so that a User-Agent's slot has been taken by another one when it comes round again: each
 * call runs the compiled automaton, what a User-Agent seen for the first time costs (one {@code record} included,
 * see {@code record_ns_hot_id}).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BotFilterBenchmark {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final byte[] BROWSER_BYTES = BROWSER.getBytes(StandardCharsets.ISO_8859_1);
    static final int FIRST_SEEN = 4096;

    private final ViewCounter.Viewer[] firstSeen = new ViewCounter.Viewer[FIRST_SEEN];
    private ViewCounter unfiltered;
    private ViewCounter filtered;
    private ViewCounter filteredInTurn;
    private int next;

    @Setup
    public void start() {
        for (int i = 0; i < FIRST_SEEN; i++) {
            // The same length and words as BROWSER, so the automaton walks the same path: only the build differs.
            firstSeen[i] = new ViewCounter.Viewer(null, BROWSER.replace("131.0.0.0", "131.0.%04d.0".formatted(i)));
        }
        ViewCounterOptions inMemory = ViewCounterOptions.builder("bench").flushInterval(Duration.ofHours(1))
                .maxPendingKeys(1_000_000).batchSize(100_000).maxConcurrentFlushes(1).cooldown(Duration.ZERO).build();
        ViewWriter discard = ViewWriter.Written::all;
        ViewCounterOptions noFilter = inMemory.toBuilder().botFilter(false).build();
        unfiltered = ViewCounter.builder(noFilter).writer(discard).viewers(BotFilterBenchmark::newBrowser).build();
        filtered = ViewCounter.builder(inMemory).writer(discard).viewers(BotFilterBenchmark::newBrowser).build();
        filteredInTurn = ViewCounter.builder(inMemory).writer(discard)
                .viewers(() -> firstSeen[next++ & (FIRST_SEEN - 1)]).build();
    }

    @TearDown
    public void stop() {
        unfiltered.close(Duration.ofMillis(1));
        filtered.close(Duration.ofMillis(1));
        filteredInTurn.close(Duration.ofMillis(1));
    }

    @Benchmark
    public void newString() {
        unfiltered.record(7);
    }

    @Benchmark
    public void newStringThroughFilter() {
        filtered.record(7);
    }

    @Benchmark
    public void automatonOnly() {
        filteredInTurn.record(7);
    }

    private static ViewCounter.Viewer newBrowser() {
        return new ViewCounter.Viewer(null, new String(BROWSER_BYTES, StandardCharsets.ISO_8859_1));
    }
}
