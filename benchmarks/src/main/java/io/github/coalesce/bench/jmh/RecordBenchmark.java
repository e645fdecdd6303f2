package io.github.coalesce.bench.jmh;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
import io.github.coalesce.Viewers;

/**
 * The request's share of counting a view: {@code ViewCounter.record} on one hot id and over 10 000 ids, against the
 * floor of an {@code AtomicLong.incrementAndGet}; and on a hot id with the viewer of a browser request, whose
 * User-Agent goes through the bot filter (cooldown off, so that every view counts). Nothing is flushed during the measurement
 * (an hour's interval, a
 * threshold above the ids used), so only the caller's cost is measured; the Go pattern's caller cost needs a database
 * and is measured by {@code PendingMemoryHarness}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordBenchmark {

    /** Only the final close() flushes here; those views go nowhere (this measures memory and the caller, not I/O). */
    private static final ViewWriter DISCARD = ViewWriter.Written::all;

    private static final ViewCounter.Viewer BROWSER = new ViewCounter.Viewer(Viewers.address("203.0.113.7"),
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
                    + " Safari/537.36");

    private ViewCounter counter;
    private ViewCounter browserCounter;
    private final AtomicLong atomic = new AtomicLong();
    private long next;

    @Setup
    public void start() {
        ViewCounterOptions inMemory = ViewCounterOptions.builder("bench").flushInterval(Duration.ofHours(1))
                .maxPendingKeys(1_000_000).batchSize(100_000).maxConcurrentFlushes(1).cooldown(Duration.ZERO).build();
        counter = ViewCounter.builder(inMemory).writer(DISCARD).build();
        browserCounter = ViewCounter.builder(inMemory).writer(DISCARD).viewers(() -> BROWSER).build();
    }

    @TearDown
    public void stop() {
        // The views are not written anywhere: drop them without a spill file.
        counter.close(Duration.ofMillis(1));
        browserCounter.close(Duration.ofMillis(1));
    }

    @Benchmark
    public void recordHotId() {
        counter.record(7);
    }

    @Benchmark
    public void record10kIds() {
        counter.record(1 + (next++ % 10_000));
    }

    @Benchmark
    public void recordBrowserUserAgent() {
        browserCounter.record(7);
    }

    @Benchmark
    public long atomicLong() {
        return atomic.incrementAndGet();
    }
}
