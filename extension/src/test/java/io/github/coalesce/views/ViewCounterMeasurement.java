package io.github.coalesce.views;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.runtime.views.JdbcChunkWriter;

/**
 * A quick measurement, not a test (the JMH benchmarks are the real thing): the caller's cost of {@code record()} and
 * the rows per second of one flush, against the same real PostgreSQL as the tests. Run:
 *
 * <pre>
 * ./mvnw -q -pl extension test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp extension/target/classes:extension/target/test-classes:$(cat extension/target/cp.txt) \
 *     io.github.coalesce.views.ViewCounterMeasurement
 * </pre>
 */
public final class ViewCounterMeasurement {

    private static final int ROWS = 100_000;

    public static void main(String[] args) throws Exception {
        String table = "views_measurement";
        TestDatabase.execute("DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id bigint PRIMARY KEY, views bigint NOT NULL DEFAULT 0)",
                "INSERT INTO " + table + " (id) SELECT i FROM generate_series(1, " + ROWS + ") i");
        JdbcChunkWriter writer = new JdbcChunkWriter(TestDatabase.get(), table, "id", "views",
                "coalesce_view_flush", "measurement", Duration.ofSeconds(30));
        writer.createLedger();

        // record(): no flush during the loop (an hour's interval, a threshold above the ids used).
        ViewCounterOptions inMemory = ViewCounterOptions.defaults("measurement")
                .withFlushInterval(Duration.ofHours(1)).withMaxPendingKeys(2 * ROWS).withBatching(2 * ROWS, 1);
        try (ViewCounter counter = new ViewCounter(inMemory, writer, () -> null)) {
            System.out.printf("record_ns hot id:    %.1f ns/op%n", recordNanos(counter, 1));
            System.out.printf("record_ns 10000 ids: %.1f ns/op%n", recordNanos(counter, 10_000));
            counter.flush().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }

        // 100 000 distinct ids, chunks of 500, 4 concurrent writers (the defaults). Threshold flushes start while
        // recording; flush() returns once they and the last one are written.
        ViewCounterOptions defaults = ViewCounterOptions.defaults("measurement").withFlushInterval(Duration.ofHours(1))
                .withMaxPendingKeys(2 * ROWS);
        for (int round = 1; round <= 3; round++) {
            try (ViewCounter counter = new ViewCounter(defaults, writer, () -> null)) {
                long started = System.nanoTime();
                for (long id = 1; id <= ROWS; id++) {
                    counter.record(id);
                }
                counter.flush().toCompletableFuture().get(120, TimeUnit.SECONDS);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("flush round %d: %d rows in %.3f s = %.0f rows/s (%d statements)%n", round,
                        counter.stats().get(io.github.coalesce.runtime.views.ViewCounterStats.Event.ROWS_WRITTEN),
                        seconds, ROWS / seconds, counter.stats().chunksWritten());
            }
        }
        System.out.println("table total = " + TestDatabase.queryLong("SELECT sum(views) FROM " + table));
        TestDatabase.execute("DROP TABLE " + table);
        System.exit(0);
    }

    private static double recordNanos(ViewCounter counter, int ids) {
        long sink = 0;
        for (int warmup = 0; warmup < 5; warmup++) {
            for (int i = 0; i < 10_000_000; i++) {
                counter.record(1 + i % ids);
            }
        }
        int iterations = 50_000_000;
        long started = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            counter.record(1 + i % ids);
        }
        long elapsed = System.nanoTime() - started;
        sink += counter.pending(1);
        if (sink < 0) {
            System.out.println(sink);
        }
        return (double) elapsed / iterations;
    }
}
