package io.github.coalesce.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

import javax.sql.DataSource;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewWriter;

/**
 * What a pending view costs in memory, and the caller's cost of the Go pattern this project grew from: one virtual
 * thread per view, a {@code Semaphore} standing in for the channel that bounds database work, one
 * {@code UPDATE … + 1} per view over a pool of as many connections as permits. Memory is the heap in use after a
 * full GC with the views pending (for the Go pattern: its threads parked on the semaphore, the database held back).
 */
public final class PendingMemoryHarness {

    /** Only the final close() flushes here; those views go nowhere (this measures memory and the caller, not I/O). */
    private static final ViewWriter DISCARD = ViewWriter.Written::all;

    private static final int VIEWS = 20_000;
    private static final int PERMITS = 4;

    public static void main(String[] args) throws Exception {
        Results results = new Results();
        ViewCounterOptions inMemory = ViewCounterOptions.builder("bench").flushInterval(Duration.ofHours(1))
                .maxPendingKeys(1_000_000).batchSize(100_000).maxConcurrentFlushes(1).cooldown(Duration.ZERO).build();

        try (ViewCounter counter = ViewCounter.builder(inMemory).writer(DISCARD).build()) {
            counter.record(7);
            long before = heapAfterGc();
            for (int i = 0; i < 1_000_000; i++) {
                counter.record(7);
            }
            results.put("pending_bytes_per_view_hot_id", Math.max(0, heapAfterGc() - before) / 1_000_000.0);
            before = heapAfterGc();
            for (long id = 1_000; id < 1_000 + VIEWS; id++) {
                counter.record(id);
            }
            results.put("pending_bytes_per_id", Math.max(0, heapAfterGc() - before) / (double) VIEWS);
            if (counter.stats().pendingIds() != VIEWS + 1) {
                throw new IllegalStateException("expected " + (VIEWS + 1) + " pending ids: " + counter.stats().pendingIds());
            }
            counter.close(Duration.ofMillis(1));
        }

        BenchDatabase database = BenchDatabase.start();
        DataSource pool = database.pooled(PERMITS);
        BenchDatabase.createCounted(pool, "bench_go", 100);
        Semaphore channel = new Semaphore(PERMITS);
        channel.acquire(PERMITS); // the database is busy: every view stays pending
        long before = heapAfterGc();
        List<Thread> views = new ArrayList<>(VIEWS);
        long started = System.nanoTime();
        for (int i = 0; i < VIEWS; i++) {
            long id = 1 + i % 100;
            views.add(Thread.ofVirtual().start(() -> goPatternView(pool, channel, id)));
        }
        long callerNanos = System.nanoTime() - started;
        results.put("go_pattern_caller_ns", callerNanos / (double) VIEWS);
        results.put("pending_bytes_per_view_go_pattern", Math.max(0, heapAfterGc() - before) / (double) VIEWS);
        long drainStarted = System.nanoTime();
        channel.release(PERMITS);
        for (Thread view : views) {
            view.join();
        }
        results.put("go_pattern_views_per_s", VIEWS / ((System.nanoTime() - drainStarted) / 1e9));
        long total = BenchDatabase.queryLong(pool, "SELECT sum(views) FROM bench_go");
        if (total != VIEWS) {
            throw new IllegalStateException("Go pattern wrote " + total + " views of " + VIEWS);
        }
        results.write(Path.of(args.length > 0 ? args[0] : "target/pending.json"));
        System.exit(0);
    }

    private static void goPatternView(DataSource pool, Semaphore channel, long id) {
        try {
            channel.acquire();
            try (Connection connection = pool.getConnection();
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE bench_go SET views = views + 1 WHERE id = ?")) {
                update.setLong(1, id);
                update.executeUpdate();
            } finally {
                channel.release();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
