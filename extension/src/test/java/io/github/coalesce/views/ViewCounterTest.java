package io.github.coalesce.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounter.Viewer;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewCounterStats.DropReason;
import io.github.coalesce.ViewWriter;
import io.github.coalesce.runtime.views.JdbcChunkWriter;
import io.github.coalesce.testsupport.TestPostgres;

/** The plain-Java engine against a real PostgreSQL. */
class ViewCounterTest {

    private static final DataSource DATABASE = TestPostgres.dataSource();
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final Supplier<Viewer> OUTSIDE_REQUEST = () -> null;

    private final List<ViewCounter> counters = new ArrayList<>();
    private ExecutorService threads;
    private String table;

    @BeforeEach
    void setUp() {
        threads = Executors.newFixedThreadPool(64);
        table = "views_test_" + TABLES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        TestPostgres.execute(DATABASE, "DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id bigint PRIMARY KEY, views bigint NOT NULL DEFAULT 0)",
                "INSERT INTO " + table + " (id) SELECT i FROM generate_series(1, 5000) i");
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
        counters.forEach(counter -> counter.close(Duration.ofSeconds(1)));
        TestPostgres.execute(DATABASE, "DROP TABLE IF EXISTS " + table);
    }

    @Test
    void manyConcurrentViewsBecomeExactTotalsInFewStatements() throws Exception {
        ViewCounter counter = counter(options(), writer(), OUTSIDE_REQUEST);
        List<Future<?>> done = new ArrayList<>();
        for (int thread = 0; thread < 64; thread++) {
            int offset = thread;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    counter.record(1 + (i + offset) % 100);
                }
            }));
        }
        for (Future<?> each : done) {
            each.get(60, TimeUnit.SECONDS);
        }
        assertThat(counter.pending(1)).isEqualTo(6_400);
        counter.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + table)).isEqualTo(640_000);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT count(*) FROM " + table + " WHERE views <> 0")).isEqualTo(100);
        assertThat(counter.stats().chunksWritten()).as("UPDATE statements for 640 000 views").isLessThanOrEqualTo(3);
        assertThat(counter.pending(1)).isZero();
    }

    @Test
    void atMostMaxConcurrentFlushesWriteAtOnceOnVirtualThreads() throws Exception {
        slowWrites();
        Set<Boolean> virtual = ConcurrentHashMap.newKeySet();
        ViewWriter observed = chunk -> {
            virtual.add(Thread.currentThread().isVirtual());
            return writer().write(chunk);
        };
        ViewCounter single = counter(options().batchSize(50).maxConcurrentFlushes(1), observed, OUTSIDE_REQUEST);
        ViewCounter four = counter(options().batchSize(50).maxConcurrentFlushes(4), observed, OUTSIDE_REQUEST);
        for (long id = 1; id <= 1_000; id++) {
            single.record(id);
            four.record(id);
        }
        single.flush().toCompletableFuture().get(60, TimeUnit.SECONDS);
        four.flush().toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(single.stats().maxActiveWriters()).isEqualTo(1);
        assertThat(four.stats().maxActiveWriters()).isGreaterThan(1).isLessThanOrEqualTo(4);
        assertThat(virtual).containsExactly(true);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + table)).isEqualTo(2_000);
    }

    @Test
    void aFailedChunkIsKeptAndWrittenExactlyOnceWhenTheDatabaseIsBack() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().equals(Level.WARNING)) {
                    warnings.add(String.format(record.getMessage(), record.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.github.coalesce.runtime.views");
        log.addHandler(capture);
        ViewCounter counter = counter(options().maxRetries(1).retryDelay(Duration.ofMillis(10)),
                writer(Duration.ofSeconds(1)), OUTSIDE_REQUEST);
        for (int i = 0; i < 30; i++) {
            counter.record(7);
        }
        try (Connection locker = DATABASE.getConnection()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            assertThatThrownBy(() -> counter.flush().toCompletableFuture().get(30, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SQLException.class);
            assertThat(counter.pending(7)).as("kept, not lost").isEqualTo(30);
            assertThat(counter.stats().retries()).isEqualTo(1);
            assertThat(counter.stats().failedFlushesInARow()).isEqualTo(1);
            // The pending map is empty again, but the kept chunk is as old as its first view: the health check sees
            // the outage.
            long ageAfterFailure = counter.stats().oldestPendingAge().toNanos();
            assertThat(ageAfterFailure).as("age of the kept chunk").isGreaterThan(TimeUnit.SECONDS.toNanos(1));
            Thread.sleep(50);
            assertThat(counter.stats().oldestPendingAge().toNanos()).as("still growing").isGreaterThan(ageAfterFailure);
            locker.rollback();
        } finally {
            log.removeHandler(capture);
        }
        assertThat(warnings).as("one WARN when the write is retried, one when the chunk is kept").hasSize(2)
                .anyMatch(warning -> warning.contains("failed, retrying with backoff"))
                .anyMatch(warning -> warning.contains("not written after 2 attempts, kept for the next flush"));
        counter.record(7);
        counter.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT views FROM " + table + " WHERE id = 7")).isEqualTo(31);
        assertThat(counter.pending(7)).isZero();
        assertThat(counter.stats().failedFlushesInARow()).isZero();
        assertThat(counter.stats().oldestPendingAge().toNanos()).as("nothing left unwritten").isZero();
    }

    @Test
    void aRetriedChunkThatHadCommittedIsNotAppliedTwice() throws Exception {
        AtomicBoolean loseTheFirstAcknowledgement = new AtomicBoolean(true);
        JdbcChunkWriter real = writer();
        ViewWriter ambiguous = chunk -> {
            ViewWriter.Written written = real.write(chunk); // committed for real
            if (loseTheFirstAcknowledgement.getAndSet(false)) {
                throw new SQLException("connection reset after COMMIT was sent", "08006");
            }
            return written;
        };
        ViewCounter counter = counter(options().maxRetries(2).retryDelay(Duration.ofMillis(10)), ambiguous, OUTSIDE_REQUEST);
        for (int i = 0; i < 5; i++) {
            counter.record(3);
        }
        counter.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(TestPostgres.queryLong(DATABASE, "SELECT views FROM " + table + " WHERE id = 3")).isEqualTo(5);
        assertThat(counter.stats().chunksAlreadyApplied()).isEqualTo(1);
    }

    @Test
    void viewsOfRowsThatNoLongerExistAreDroppedAndCountedNotRetried() throws Exception {
        ViewCounter counter = counter(options(), writer(), OUTSIDE_REQUEST);
        counter.record(4);
        counter.record(999_999);
        counter.record(999_999);
        counter.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(counter.stats().dropped(DropReason.MISSING_ROW)).isEqualTo(2);
        assertThat(counter.pending(999_999)).isZero();
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT views FROM " + table + " WHERE id = 4")).isEqualTo(1);
        counter.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(counter.stats().dropped(DropReason.MISSING_ROW)).isEqualTo(2);
    }

    @Test
    void whatCannotBeWrittenAtShutdownIsSpilledAndReplayedAtTheNextStart(@TempDir Path dir) throws Exception {
        Path spill = dir.resolve("views.spill");
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        ViewWriter down = new JdbcChunkWriter(unreachable, table, "id", "views", "coalesce_view_flush", "spill",
                Duration.ofSeconds(1));
        ViewCounter before = unmanaged(options().spillFile(spill), down, OUTSIDE_REQUEST);
        for (int i = 0; i < 12; i++) {
            before.record(11);
        }
        before.record(12);
        before.close(Duration.ofSeconds(5));
        assertThat(spill).exists();
        assertThat(before.stats().spillWrites()).isPositive();

        ViewCounter after = counter(options().spillFile(spill), writer(), OUTSIDE_REQUEST);
        assertThat(after.pending(11)).isEqualTo(12);
        assertThat(Files.exists(spill)).isFalse();
        after.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT views FROM " + table + " WHERE id = 11")).isEqualTo(12);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT views FROM " + table + " WHERE id = 12")).isEqualTo(1);
    }

    @Test
    void closingFlushesWhatIsPending() {
        ViewCounter counter = unmanaged(options(), writer(), OUTSIDE_REQUEST);
        counter.record(21);
        counter.record(21);
        counter.close(Duration.ofSeconds(10));
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT views FROM " + table + " WHERE id = 21")).isEqualTo(2);
    }

    @Test
    void botsAndRepeatedViewsWithinTheCooldownAreNotCounted() {
        AtomicInteger request = new AtomicInteger();
        List<Viewer> viewers = List.of(
                new Viewer("10.0.0.1", "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"),
                new Viewer("10.0.0.1", "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"),
                new Viewer("10.0.0.2", "Mozilla/5.0 (Macintosh) Safari/605.1.15"),
                new Viewer("66.249.66.1", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"),
                new Viewer("10.0.0.3", "facebookexternalhit/1.1"),
                new Viewer("10.0.0.4", "curl/8.5.0"));
        ViewCounter counter = counter(options(), writer(), () -> viewers.get(request.getAndIncrement()));
        for (int i = 0; i < viewers.size(); i++) {
            counter.record(5);
        }
        assertThat(counter.pending(5)).as("two browsers; curl is a generic client").isEqualTo(2);
        assertThat(counter.stats().deduplicated()).isEqualTo(1);
        assertThat(counter.stats().botFiltered()).isEqualTo(3);

        AtomicInteger again = new AtomicInteger();
        ViewCounter ownFilter = counter(options().viewerFilter(viewer -> viewer.id().equals("10.0.0.2")), writer(),
                () -> viewers.get(again.getAndIncrement()));
        for (int i = 0; i < viewers.size(); i++) {
            ownFilter.record(5);
        }
        assertThat(ownFilter.stats().botFiltered()).as("a viewer filter of its own replaces the built-in one")
                .isEqualTo(1);

        ViewCounter noCooldown = counter(options().cooldown(Duration.ZERO), writer(), () -> viewers.get(0));
        noCooldown.record(5);
        noCooldown.record(5);
        assertThat(noCooldown.pending(5)).isEqualTo(2);
    }

    @Test
    void theMemoryBoundCountsUnwrittenChunksSoAnOutageCannotGrowMemory() throws Exception {
        ViewCounter counter = counter(options().maxPendingKeys(10).batchSize(100).maxConcurrentFlushes(1)
                .maxRetries(0).retryDelay(Duration.ofMillis(10)), writer(Duration.ofSeconds(30)), OUTSIDE_REQUEST);
        try (Connection locker = DATABASE.getConnection()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            for (long id = 1; id <= 10; id++) {
                counter.record(id);
            }
            // Ten pending ids reach the threshold: a flush starts, and its chunk waits on the lock.
            await().atMost(10, TimeUnit.SECONDS).until(() -> counter.stats().activeWriters() == 1);
            for (long id = 11; id <= 20; id++) {
                counter.record(id);
            }
            counter.record(1);
            assertThat(counter.stats().dropped(DropReason.PENDING_FULL)).isEqualTo(11);
            assertThat(counter.pending(1)).as("the blocked chunk still holds it").isEqualTo(1);
            locker.rollback();
        }
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + table) == 10);
        counter.record(15);
        assertThat(counter.pending(15)).as("room again once the chunk is written").isEqualTo(1);
    }

    @Test
    void reachingThePendingThresholdFlushesWithoutWaitingForTheInterval() {
        ViewCounter counter = counter(options().batchSize(10).maxConcurrentFlushes(1), writer(), OUTSIDE_REQUEST);
        for (long id = 1; id <= 10; id++) {
            counter.record(id);
        }
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + table) == 10);
    }

    /** With an id column that is not a key, rows matched can equal the chunk's ids while one of them has no row. */
    @Test
    void anIdOnTwoRowsDoesNotHideAnIdWithNone() throws Exception {
        TestPostgres.execute(DATABASE, "ALTER TABLE " + table + " DROP CONSTRAINT " + table + "_pkey",
                "INSERT INTO " + table + " (id) VALUES (7)");
        ViewCounter counter = counter(options(), writer(), OUTSIDE_REQUEST);
        counter.record(7);
        counter.record(999_999);
        counter.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(counter.stats().dropped(DropReason.MISSING_ROW)).isEqualTo(1);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + table + " WHERE id = 7")).isEqualTo(2);
    }

    @Test
    void theIntervalFlushesOnItsOwn() {
        ViewCounter counter = counter(options().flushInterval(Duration.ofMillis(100)), writer(),
                OUTSIDE_REQUEST);
        counter.record(42);
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> TestPostgres.queryLong(DATABASE, "SELECT views FROM " + table + " WHERE id = 42") == 1);
    }

    /** An hour-long interval: only the test, the threshold or close() flushes. */
    private static ViewCounterOptions.Builder options() {
        return ViewCounterOptions.builder("test").flushInterval(Duration.ofHours(1));
    }

    private JdbcChunkWriter writer() {
        return writer(Duration.ofSeconds(10));
    }

    private JdbcChunkWriter writer(Duration statementTimeout) {
        JdbcChunkWriter writer = new JdbcChunkWriter(DATABASE, table, "id", "views",
                "coalesce_view_flush", "test", statementTimeout);
        try {
            writer.createLedger();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return writer;
    }

    private ViewCounter counter(ViewCounterOptions.Builder options, ViewWriter writer, Supplier<Viewer> viewers) {
        ViewCounter counter = unmanaged(options, writer, viewers);
        counters.add(counter);
        return counter;
    }

    /** A counter the test closes itself. */
    private static ViewCounter unmanaged(ViewCounterOptions.Builder options, ViewWriter writer,
            Supplier<Viewer> viewers) {
        return ViewCounter.builder(options.build()).writer(writer).viewers(viewers).build();
    }

    /** Every UPDATE of the table takes 50 ms, so concurrent chunk writes overlap for real. */
    private void slowWrites() {
        TestPostgres.execute(DATABASE,
                "CREATE OR REPLACE FUNCTION " + table + "_slow() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(0.05);"
                        + " RETURN NULL; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER " + table + "_slow AFTER UPDATE ON " + table
                        + " FOR EACH STATEMENT EXECUTE FUNCTION " + table + "_slow()");
    }
}
