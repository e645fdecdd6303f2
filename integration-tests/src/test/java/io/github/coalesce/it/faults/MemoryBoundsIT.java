package io.github.coalesce.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.github.coalesce.Coalescer;
import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewCounterStats;

/**
 * Fault 5, memory bounds, on the plain engines (a million HTTP requests would not fit the build's time): a million
 * distinct ids recorded while the database is down keep at most {@code max-pending-keys} ids in memory, the rest are
 * dropped and counted, the heap stays within a stated bound, and once the database is back exactly the kept views are
 * written. A hundred thousand distinct {@code @Coalesce} keys in flight at once leave an empty map behind.
 */
class MemoryBoundsIT {

    static final int DISTINCT_IDS = 1_000_000;
    static final int MAX_PENDING_KEYS = 100_000;
    /**
     * The stated bound: what 100 000 ids held during an outage (pending, or in unwritten chunks) may take, about 330
     * bytes per id (a pending map entry is the largest form they take).
     */
    static final long PENDING_HEAP_BOUND = 32L * 1024 * 1024;
    static final int FLIGHTS = 100_000;

    @Test
    void aMillionDistinctIdsDuringAnOutageStopAtMaxPendingKeys() {
        try (OwnPostgres postgres = OwnPostgres.start()) {
            postgres.execute("CREATE TABLE counted (id bigint PRIMARY KEY, views bigint NOT NULL DEFAULT 0)",
                    "INSERT INTO counted (id) SELECT generate_series(1, " + DISTINCT_IDS + ")");
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(postgres.jdbcUrl());
            dataSource.setUser("postgres");
            dataSource.setConnectTimeout(1);
            long heapBefore = heapAfterGc();
            // The public builder, as a plain-Java user would write it (it creates the ledger table).
            ViewCounter counter = ViewCounter.builder(ViewCounterOptions.builder("bounds")
                    .flushInterval(Duration.ofMillis(200)).cooldown(Duration.ZERO).maxPendingKeys(MAX_PENDING_KEYS)
                    .maxRetries(1).retryDelay(Duration.ofMillis(10)).build())
                    .dataSource(dataSource).table("counted").idColumn("id").countColumn("views")
                    .ledgerTable("coalesce_view_flush").statementTimeout(Duration.ofSeconds(2)).build();
            try {
                postgres.stop();
                for (long id = 1; id <= DISTINCT_IDS; id++) {
                    counter.record(id);
                }
                long recorded = counter.stats().recorded();
                long dropped = counter.stats().dropped(ViewCounterStats.DropReason.PENDING_FULL);
                // What the ids hold, not a flush's working set: a flush that is failing right now also holds its
                // drained map until its attempt ends, so the least of three samples, 300 ms apart, counts.
                long heapDuring = Long.MAX_VALUE;
                for (int sample = 0; sample < 3; sample++) {
                    PackagedApp.sleep(300);
                    heapDuring = Math.min(heapDuring, heapAfterGc());
                }
                System.out.printf("FAULT memory: %d distinct ids during an outage: pending %d, recorded %d,"
                        + " dropped %d, heap after GC %d -> %d KiB%n", DISTINCT_IDS, counter.stats().pendingIds(), recorded,
                        dropped, heapBefore / 1024, heapDuring / 1024);
                assertThat(counter.stats().pendingIds()).isLessThanOrEqualTo(MAX_PENDING_KEYS);
                assertThat(recorded + dropped).isEqualTo(DISTINCT_IDS);
                // A flush swaps the pending map while the recorder runs: a few ids may slip in between.
                assertThat(recorded).as("ids kept in memory").isLessThanOrEqualTo(MAX_PENDING_KEYS + 100);
                assertThat(heapDuring - heapBefore).as("heap held by the pending ids").isLessThan(PENDING_HEAP_BOUND);

                postgres.startAgain();
                long written = FaultReport.awaitWritten("memory: 1M ids during outage", recorded,
                        () -> postgres.queryLong("SELECT coalesce(sum(views), 0) FROM counted"),
                        Duration.ofSeconds(30));
                assertThat(written).isEqualTo(recorded);
            } finally {
                counter.close(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aHundredThousandKeysInFlightAtOnceLeaveNothingBehind() {
        Coalescer coalescer = new Coalescer();
        long heapBefore = heapAfterGc();
        CompletableFuture<String> release = new CompletableFuture<>();
        List<CompletionStage<String>> callers = new ArrayList<>(FLIGHTS * 2);
        for (int key = 0; key < FLIGHTS; key++) {
            callers.add(coalescer.executeAsync("key-" + key, () -> release));
            callers.add(coalescer.executeAsync("key-" + key, () -> release));
        }
        assertThat(coalescer.inFlight()).isEqualTo(FLIGHTS);
        long heapDuring = heapAfterGc();
        release.complete("done");
        for (CompletionStage<String> caller : callers) {
            assertThat(caller.toCompletableFuture().join()).isEqualTo("done");
        }
        assertThat(coalescer.inFlight()).as("flights left after they all finished").isZero();
        assertThat(coalescer.snapshot()).isEmpty();
        callers.clear();
        long heapAfter = heapAfterGc();
        System.out.printf("FAULT memory: %d @Coalesce keys in flight: heap after GC %d -> %d -> %d KiB%n", FLIGHTS,
                heapBefore / 1024, heapDuring / 1024, heapAfter / 1024);
        assertThat(heapAfter).as("heap after the flights").isLessThan(heapBefore + 8 * 1024 * 1024);
    }

    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            PackagedApp.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
