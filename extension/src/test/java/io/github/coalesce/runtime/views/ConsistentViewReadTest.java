package io.github.coalesce.runtime.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

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
 * go down; a flush that commits between the stored read and the pending one made them go down. Nor may the read wait
 * for a slow write.
 */
class ConsistentViewReadTest {

    private static final long ID = 1;

    /** The "table": one row's count, committed by the writer after a statement's worth of time. */
    private final AtomicLong table = new AtomicLong();

    /** A database read takes time too: the row is read, then the answer travels back. */
    private final LongSupplier storedRead = () -> {
        long stored = table.get();
        LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        return stored;
    };

    @Test
    void successiveReadsNeverShowFewerViewsWhileFlushesCommit() throws Exception {
        Reads reads = readWhileRecording(Duration.ofMillis(1), Duration.ofMillis(20), 1_500);

        assertThat(reads.flushes).as("flushes ran during the reads").isGreaterThan(20);
        assertThat(reads.naiveDrops).as("reading the table, then pending, does drop (what this test guards against)")
                .isPositive();
        assertThat(reads.drops).as("withPending never shows fewer views than before").isZero();
    }

    @Test
    void aSlowWriteNeitherDelaysTheReadNorMakesItDrop() throws Exception {
        Reads reads = readWhileRecording(Duration.ofMillis(300), Duration.ofMillis(50), 600);

        assertThat(reads.flushes).isGreaterThan(1);
        assertThat(reads.drops).isZero();
        // Three attempts of a 1 ms read at most; a wait for the write would take up to 300 ms.
        assertThat(reads.slowestNanos).as("slowest read, ns").isLessThan(Duration.ofMillis(100).toNanos());
    }

    /**
     * A page records its view once its read succeeded, inside that first read (as the sample's post page does), so the
     * page must then be served: a repeat of the read that fails (the database went away after the first read) must
     * not fail it. A failing first read still reaches the caller.
     */
    @Test
    void aRepeatedReadThatFailsServesThePageAndAFirstReadThatFailsDoesNot() {
        ViewWriter writer = batch -> {
            for (int i = 0; i < batch.ids().length; i++) {
                if (batch.ids()[i] == ID) {
                    table.addAndGet(batch.counts()[i]);
                }
            }
            return ViewWriter.Written.all(batch);
        };
        ViewCounterOptions options = ViewCounterOptions.builder("failing-repeat").flushInterval(Duration.ofHours(1))
                .cooldown(Duration.ZERO).build();
        try (ViewCounter counter = ViewCounter.builder(options).writer(writer).build()) {
            counter.record(ID);
            counter.flush().toCompletableFuture().join();
            assertThat(counter.withPending(ID, table::get)).isEqualTo(1);
            counter.record(ID);
            counter.record(ID);
            AtomicLong reads = new AtomicLong();
            long shown = counter.withPending(ID, () -> {
                if (reads.incrementAndGet() > 1) {
                    throw new IllegalStateException("the database went away");
                }
                long stored = table.get();
                // A flush moves the two pending views into the table while this read is under way, and a view
                // arrives: this attempt's sum (1 stored + 1 pending) is neither the truth (4) nor the floor (1).
                counter.flush().toCompletableFuture().join();
                counter.record(ID);
                return stored;
            });

            assertThat(reads).as("the read was repeated").hasValue(2);
            assertThat(table).hasValue(3);
            assertThat(shown).as("the last consistent answer, as for a read that overlapped a write").isEqualTo(1);
            assertThat(counter.withPending(ID, table::get)).isEqualTo(4);
            assertThatIllegalStateException()
                    .isThrownBy(() -> counter.withPending(ID, () -> {
                        throw new IllegalStateException("the database is away");
                    }));
        }
    }

    private record Reads(long flushes, long drops, long naiveDrops, long slowestNanos) {
    }

    private Reads readWhileRecording(Duration writeTime, Duration flushInterval, int count) throws Exception {
        ViewWriter writer = batch -> {
            LockSupport.parkNanos(writeTime.toNanos());
            for (int i = 0; i < batch.ids().length; i++) {
                if (batch.ids()[i] == ID) {
                    table.addAndGet(batch.counts()[i]);
                }
            }
            return ViewWriter.Written.all(batch);
        };
        ViewCounterOptions options = ViewCounterOptions.builder("consistent-read").flushInterval(flushInterval)
                .cooldown(Duration.ZERO).build();
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
            long slowest = 0;
            for (int i = 0; i < count; i++) {
                long started = System.nanoTime();
                long shown = counter.withPending(ID, storedRead);
                slowest = Math.max(slowest, System.nanoTime() - started);
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
            return new Reads(counter.stats().flushes(), drops, naiveDrops, slowest);
        }
    }
}
