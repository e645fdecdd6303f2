package io.github.coalesce.bench.jmh;

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
import io.github.coalesce.ViewerRelation;
import io.github.coalesce.Viewers;

/**
 * {@code record()} with the viewer relation on, with a browser's viewer (bot filter, then the pending pair): on a hot
 * pair, and over 10 000 posts. The cooldown is off, so that every view reaches the pair map (with it on, a repeated
 * view stops at the cooldown, as without the relation). The HMAC is computed at the flush, not here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ViewerRecordBenchmark {

    private static final ViewWriter DISCARD = ViewWriter.Written::all;

    private static final ViewCounter.Viewer BROWSER = new ViewCounter.Viewer(Viewers.address("203.0.113.7"),
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
                    + " Safari/537.36");

    private ViewCounter counter;
    private long next;

    @Setup
    public void start() {
        ViewCounterOptions inMemory = ViewCounterOptions.builder("bench-viewers").flushInterval(Duration.ofHours(1))
                .maxPendingKeys(1_000_000).batchSize(100_000).maxConcurrentFlushes(1).cooldown(Duration.ZERO)
                .spillFile(null).build();
        counter = ViewCounter.builder(inMemory).writer(DISCARD).viewers(() -> BROWSER)
                .viewerRelation(ViewerRelation.of("unused", "benchmark-secret-of-enough-length")).build();
    }

    @TearDown
    public void stop() {
        counter.close(Duration.ofMillis(1));
    }

    @Benchmark
    public void recordBrowserViewerHotPair() {
        counter.record(7);
    }

    @Benchmark
    public void recordBrowserViewer10kPosts() {
        counter.record(1 + (next++ % 10_000));
    }
}
