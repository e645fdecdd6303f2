package io.github.coalesce.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.runtime.views.JdbcChunkWriter;

/**
 * Rows per second written to PostgreSQL: one view on each of 100 000 ids, flushed by the counter (sorted chunks, one
 * {@code UPDATE … FROM unnest(…)} each, with its ledger row, 4 writers) against the same increments sent as JDBC
 * {@code addBatch} of single-row UPDATEs (same chunk size, same 4 connections, one transaction per chunk). Best of
 * three rounds each; the table total is checked after every round.
 */
public final class FlushHarness {

    private static final int ROWS = 100_000;
    private static final int WRITERS = 4;
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        BenchDatabase database = BenchDatabase.start();
        DataSource db = database.pooled(WRITERS);
        String table = "bench_flush";
        BenchDatabase.createCounted(db, table, ROWS);
        Results results = new Results().put("database", database.describe());

        long expected = 0;
        for (int batch : new int[] { 500, 5_000 }) {
            double best = 0;
            for (int round = 0; round < ROUNDS; round++) {
                best = Math.max(best, unnestRowsPerSecond(db, table, batch));
                expected += ROWS;
                check(db, table, expected);
            }
            results.put(batch == 500 ? "flush_rows_per_s" : "flush_rows_per_s_batch_" + batch, best);
        }
        double bestBatch = 0;
        for (int round = 0; round < ROUNDS; round++) {
            bestBatch = Math.max(bestBatch, addBatchRowsPerSecond(db, table, 500));
            expected += ROWS;
            check(db, table, expected);
        }
        results.put("flush_addbatch_rows_per_s", bestBatch);
        results.write(Path.of(args.length > 0 ? args[0] : "target/flush.json"));
        System.exit(0);
    }

    private static double unnestRowsPerSecond(DataSource db, String table, int batch) throws Exception {
        JdbcChunkWriter writer = new JdbcChunkWriter(db, table, "id", "views", "coalesce_view_flush", "bench",
                Duration.ofSeconds(60));
        writer.createLedger();
        ViewCounterOptions options = ViewCounterOptions.defaults("bench").withFlushInterval(Duration.ofHours(1))
                .withCooldown(Duration.ZERO).withMaxPendingKeys(2 * ROWS).withBatching(batch, WRITERS);
        try (ViewCounter counter = new ViewCounter(options, writer, () -> null)) {
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

    private static double addBatchRowsPerSecond(DataSource db, String table, int batch) throws Exception {
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
                                    "UPDATE " + table + " SET views = views + ? WHERE id = ?")) {
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

    private static void check(DataSource db, String table, long expected) {
        long total = BenchDatabase.queryLong(db, "SELECT sum(views) FROM " + table);
        if (total != expected) {
            throw new IllegalStateException("table total " + total + ", expected " + expected);
        }
    }
}
