package io.github.coalesce.runtime.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewWriter;

/**
 * A page shows the stored count plus the views pending. Views only grow, so successive reads by one reader must never
 * go down; a flush that commits between the stored read and the pending one made them go down.
 */
class ConsistentViewReadTest {

    private static final long ID = 1;
    private static final int READS = 1_500;

    /** The "table": one row's count, committed by the writer after a statement's worth of time. */
    private final AtomicLong table = new AtomicLong();

    @Test
    void successiveReadsNeverShowFewerViewsWhileFlushesCommit() throws Exception {
        ViewWriter writer = batch -> {
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            for (int i = 0; i < batch.ids().length; i++) {
                if (batch.ids()[i] == ID) {
                    table.addAndGet(batch.counts()[i]);
                }
            }
            return ViewWriter.Written.all(batch);
        };
        ViewCounterOptions options = ViewCounterOptions.builder("consistent-read").flushInterval(Duration.ofMillis(20))
                .cooldown(Duration.ZERO).build();
        // A database read takes time too: the row is read, then the answer travels back.
        LongSupplier storedRead = () -> {
            long stored = table.get();
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            return stored;
        };
        AtomicBoolean recording = new AtomicBoolean(true);
        try (ViewCounter counter = ViewCounter.builder(options).writer(writer).build()) {
            Thread recorder = Thread.ofPlatform().start(() -> {
                while (recording.get()) {
                    counter.record(ID);
                    LockSupport.parkNanos(20_000);
                }
            });
            long drops = 0;
            long naiveDrops = 0;
            long last = 0;
            long lastNaive = 0;
            for (int i = 0; i < READS; i++) {
                long shown = counter.withPending(ID, storedRead);
                if (shown < last) {
                    drops++;
                }
                last = Math.max(last, shown);
                long naive = storedRead.getAsLong() + counter.pending(ID);
                if (naive < lastNaive) {
                    naiveDrops++;
                }
                lastNaive = Math.max(lastNaive, naive);
            }
            recording.set(false);
            recorder.join();
            assertThat(counter.stats().flushes()).as("flushes ran during the reads").isGreaterThan(20);
            assertThat(naiveDrops).as("reading the table, then pending, does drop (what this test guards against)")
                    .isPositive();
            assertThat(drops).as("withPending never shows fewer views than before").isZero();
        }
    }
}
