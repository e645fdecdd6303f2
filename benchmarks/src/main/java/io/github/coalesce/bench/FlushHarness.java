package io.github.coalesce.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;

/**
 * Rows per second written to PostgreSQL: one view on each of 100 000 ids, flushed by the counter (sorted chunks, one
 * {@code UPDATE … FROM unnest(…)} statement each, ledger row included, 4 writers) against the same increments sent as
 * JDBC {@code addBatch} of single-row UPDATEs (same chunk size, same 4 connections, one transaction per chunk).
 * <p>
 * Two warm-up rounds of each way first (the first rounds of a cold JVM measured 20-30 % lower), then three measured
 * rounds in which the ways take turns, so that the machine's drift hits each alike; each round is reported (the table
 * gives their median and range). Each
 * round starts from a vacuumed table, as autovacuum keeps a counted table in production; the table total is checked
 * after every round.
 */
public final class FlushHarness {

    private static final int ROWS = 100_000;
    private static final int WRITERS = 4;
    private static final int WARM_UP_ROUNDS = 2;
    private static final int ROUNDS = 3;
    private static final String TABLE = "bench_flush";

    /** One way of writing 100 000 increments: returns rows per second. */
    private interface Way {
        double rowsPerSecond(DataSource db) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        BenchDatabase database = BenchDatabase.start();
        DataSource db = database.pooled(WRITERS);
        BenchDatabase.createCounted(db, TABLE, ROWS);
        Map<String, Way> ways = new LinkedHashMap<>();
        ways.put("flush_rows_per_s", source -> unnestRowsPerSecond(source, 500));
        ways.put("flush_rows_per_s_batch_5000", source -> unnestRowsPerSecond(source, 5_000));
        ways.put("flush_addbatch_rows_per_s", source -> addBatchRowsPerSecond(source, 500));

        long expected = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (Way way : ways.values()) {
                rowsPerSecond(db, way, expected);
                expected += ROWS;
            }
        }
        Map<String, double[]> measured = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, Way> way : ways.entrySet()) {
                double rowsPerSecond = rowsPerSecond(db, way.getValue(), expected);
                expected += ROWS;
                measured.computeIfAbsent(way.getKey(), name -> new double[ROUNDS])[round] = rowsPerSecond;
            }
        }
        Results results = new Results().put("flush_database", database.describe());
        measured.forEach(results::putRounds);
        results.write(Path.of(args.length > 0 ? args[0] : "target/flush.json"));
        System.exit(0);
    }

    /** Runs {@code way} on a vacuumed table and checks that the table total grew by one view per row. */
    private static double rowsPerSecond(DataSource db, Way way, long expectedBefore) throws Exception {
        BenchDatabase.execute(db, "VACUUM " + TABLE);
        double rowsPerSecond = way.rowsPerSecond(db);
        long total = BenchDatabase.queryLong(db, "SELECT sum(views) FROM " + TABLE);
        if (total != expectedBefore + ROWS) {
            throw new IllegalStateException("table total " + total + ", expected " + (expectedBefore + ROWS));
        }
        return rowsPerSecond;
    }

    private static double unnestRowsPerSecond(DataSource db, int batch) throws Exception {
        ViewCounterOptions options = ViewCounterOptions.builder("bench").flushInterval(Duration.ofHours(1))
                .cooldown(Duration.ZERO).maxPendingKeys(2 * ROWS).batchSize(batch).maxConcurrentFlushes(WRITERS)
                .build();
        try (ViewCounter counter = ViewCounter.builder(options).dataSource(db).table(TABLE)
                .statementTimeout(Duration.ofSeconds(60)).build()) {
            // Recording 100 000 ids takes ~2 ms and already starts threshold flushes; flush() then waits for every
            // write in progress, so the time is that of writing all rows.
            long started = System.nanoTime();
            for (long id = 1; id <= ROWS; id++) {
                counter.record(id);
            }
            counter.flush().toCompletableFuture().get(120, TimeUnit.SECONDS);
            return ROWS / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static double addBatchRowsPerSecond(DataSource db, int batch) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            long started = System.nanoTime();
            List<Future<?>> chunks = new ArrayList<>();
            for (long from = 1; from <= ROWS; from += batch) {
                long first = from;
                long last = Math.min(ROWS, from + batch - 1);
                chunks.add(writers.submit(() -> {
                    try (Connection connection = db.getConnection();
                            PreparedStatement update = connection.prepareStatement(
                                    "UPDATE " + TABLE + " SET views = views + ? WHERE id = ?")) {
                        connection.setAutoCommit(false);
                        for (long id = first; id <= last; id++) {
                            update.setLong(1, 1);
                            update.setLong(2, id);
                            update.addBatch();
                        }
                        update.executeBatch();
                        connection.commit();
                    }
                    return null;
                }));
            }
            for (Future<?> chunk : chunks) {
                chunk.get(120, TimeUnit.SECONDS);
            }
            return ROWS / ((System.nanoTime() - started) / 1e9);
        } finally {
            writers.shutdownNow();
        }
    }
}
