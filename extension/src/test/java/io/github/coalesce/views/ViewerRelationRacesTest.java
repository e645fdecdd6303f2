package io.github.coalesce.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounter.Viewer;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewCounterStats.DropReason;
import io.github.coalesce.ViewWriter;
import io.github.coalesce.runtime.views.BatchingViewCounter;
import io.github.coalesce.runtime.views.ViewerChunkWriter;
import io.github.coalesce.runtime.views.ViewerHasher;
import io.github.coalesce.runtime.views.ViewerTables;
import io.github.coalesce.testsupport.TestPostgres;

/**
 * The viewer relation where instances race, against a real PostgreSQL: another instance's chunk commits the first row
 * of a pair while this one's statement waits for it, a commit whose outcome the client never learns, and views that
 * arrive while a flush is draining the pairs.
 */
class ViewerRelationRacesTest {

    private static final DataSource DATABASE = TestPostgres.dataSource();
    private static final String VIEWER = "address:203.0.113.77";

    private final List<ViewCounter> counters = new ArrayList<>();
    private final ThreadLocal<Viewer> currentViewer = new ThreadLocal<>();
    private final ViewerHasher hasher = new ViewerHasher("a-test-secret-of-enough-length", false, "secret");
    private RelationTables tables;

    @BeforeEach
    void setUp() throws SQLException {
        tables = RelationTables.create(DATABASE, "races");
        tables.createLedger(DATABASE);
    }

    @AfterEach
    void tearDown() {
        counters.forEach(counter -> counter.close(Duration.ofSeconds(1)));
        tables.drop(DATABASE);
    }

    /**
     * The statement's snapshot is taken before it waits for the counted row that the other instance's chunk holds, so
     * the relation row that chunk then commits is not in it: the insert conflicts. The pair is decided again in the
     * same transaction, against that row — and, since the client here never learns that the commit happened, its
     * retry finds the chunk applied: were the pair left for a later flush, its view would be lost.
     */
    @Test
    void aFirstRowAnotherInstanceCommitsWhileTheChunkWaitsIsDecidedInTheSameTransaction() throws Exception {
        Duration cooldown = Duration.ofSeconds(1);
        CommitThenFail commitsThenThrows = new CommitThenFail(writer(DATABASE, cooldown));
        ViewCounter counter = counter(cooldown, commitsThenThrows);
        anotherInstanceCommitsTheFirstRowWhileTheFlushWaits(counter);
        assertThat(commitsThenThrows.calls()).isEqualTo(2);
        assertTheRaceWasDecidedOnce(counter);
        assertThat(counter.stats().chunksAlreadyApplied()).isEqualTo(1);
    }

    /**
     * A pool may hand out connections without autocommit, and with a stricter isolation: the chunk still takes one
     * READ COMMITTED transaction (in REPEATABLE READ the second statement would see the first one's snapshot, miss the
     * other instance's row again, and the chunk would be retried), committed by the writer, not left open.
     */
    @Test
    void onAPoolOfRepeatableReadConnectionsWithoutAutocommitTheChunkIsStillOneTransaction() throws Exception {
        Duration cooldown = Duration.ofSeconds(1);
        ViewCounter counter = counter(cooldown, writer(repeatableReadWithoutAutocommit(), cooldown));
        anotherInstanceCommitsTheFirstRowWhileTheFlushWaits(counter);
        assertTheRaceWasDecidedOnce(counter);
        assertThat(counter.stats().retries()).isZero();
        assertThat(counter.stats().chunksWritten()).isEqualTo(1);
    }

    /**
     * The same race with a second, new reader of the post in the chunk: the first statement applies that reader's view
     * and updates the counted row, the second decides the raced pair and updates the row again. One row written.
     */
    @Test
    void aCountedRowBothStatementsOfAChunkUpdateIsOneRowWritten() throws Exception {
        Duration cooldown = Duration.ofSeconds(1);
        ViewCounter counter = counter(cooldown, writer(DATABASE, cooldown));
        anotherInstanceCommitsTheFirstRowWhileTheFlushWaits(counter, "address:203.0.113.78");
        assertThat(tables.views(DATABASE, 7)).isEqualTo(3);
        assertThat(tables.uniques(DATABASE, 7)).isEqualTo(2);
        assertThat(counter.stats().viewers().pairsWritten()).isEqualTo(2);
        assertThat(counter.stats().chunksWritten()).isEqualTo(1);
        assertThat(counter.stats().retries()).isZero();
        assertThat(counter.stats().rowsWritten()).isEqualTo(1);
    }

    /**
     * The other instance's chunk: the counted row locked first, then the reader's first row (a view of two seconds ago,
     * so older than the cooldown: this instance's view counts again), its count and its bucket, committed while this
     * instance's flush waits for the counted row.
     */
    private void anotherInstanceCommitsTheFirstRowWhileTheFlushWaits(ViewCounter counter, String... alsoReading)
            throws Exception {
        try (Connection other = DATABASE.getConnection(); Statement sql = other.createStatement()) {
            other.setAutoCommit(false);
            String stored = hasher.apply(VIEWER);
            sql.execute("SELECT FROM " + tables.post() + " WHERE id = 7 FOR NO KEY UPDATE");
            sql.execute("INSERT INTO " + tables.relation() + " VALUES (7, '" + stored + "', now() - interval '2 s',"
                    + " now() - interval '2 s', now() - interval '2 s', 1)");
            sql.execute("UPDATE " + tables.post() + " SET views = views + 1, unique_viewers = unique_viewers + 1"
                    + " WHERE id = 7");
            sql.execute("INSERT INTO " + tables.daily() + " VALUES (7, current_date, 1)");
            view(counter, 7);
            for (String reader : alsoReading) {
                viewAs(counter, 7, reader);
            }
            CompletableFuture<Void> flushed = counter.flush().toCompletableFuture();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnALock(tables.post()));
            other.commit();
            flushed.get(10, TimeUnit.SECONDS);
        }
    }

    private void assertTheRaceWasDecidedOnce(ViewCounter counter) {
        assertThat(tables.views(DATABASE, 7)).isEqualTo(2);
        assertThat(tables.uniques(DATABASE, 7)).isEqualTo(1);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT views FROM " + tables.relation())).isEqualTo(2);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + tables.daily())).isEqualTo(2);
        assertThat(counter.stats().viewers().pairsWritten()).isEqualTo(1);
        assertThat(counter.stats().viewers().uniqueViewersAdded()).isZero();
        assertThat(counter.stats().viewsWritten()).isEqualTo(1);
        assertThat(counter.stats().viewers().pendingPairs()).isZero();
    }

    /** The test database, through connections that a pool configured without autocommit and in REPEATABLE READ. */
    private static DataSource repeatableReadWithoutAutocommit() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    Object result = method.invoke(DATABASE, args);
                    if (result instanceof Connection connection) {
                        connection.setAutoCommit(false);
                        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    }
                    return result;
                });
    }

    @Test
    void aCommitTheClientNeverLearnedOfIsCountedInTheStatsOnce() {
        CommitThenFail commitsThenThrows = new CommitThenFail(writer(DATABASE, Duration.ofMinutes(10)));
        ViewCounter counter = counter(Duration.ofMinutes(10), commitsThenThrows);
        for (int reader = 0; reader < 20; reader++) {
            viewAs(counter, 3, "address:198.51.100." + reader);
        }
        counter.flush().toCompletableFuture().join();
        assertThat(tables.views(DATABASE, 3)).isEqualTo(20);
        assertThat(counter.stats().chunksWritten()).isZero();
        assertThat(counter.stats().chunksAlreadyApplied()).isEqualTo(1);
        assertThat(counter.stats().viewsWritten()).isEqualTo(20);
        assertThat(counter.stats().viewers().pairsWritten()).isEqualTo(20);
        assertThat(counter.stats().viewers().uniqueViewersAdded()).isEqualTo(20);
    }

    /** While a flush drains the pending pairs they are on their way to chunks, and still count against the bound. */
    @Test
    void pairsBeingDrainedStillCountAgainstTheMemoryBound() throws Exception {
        CountDownLatch hashing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        UnaryOperator<String> slowHash = viewer -> {
            hashing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return hasher.apply(viewer);
        };
        ViewCounterOptions options = options(Duration.ofMinutes(10)).toBuilder().maxPendingKeys(10).build();
        ViewCounter counter = new BatchingViewCounter(options, writer(DATABASE, Duration.ofMinutes(10)), currentViewer::get,
                slowHash);
        counters.add(counter);
        for (int reader = 0; reader < 10; reader++) {
            viewAs(counter, 1, "address:192.0.2." + reader);
        }
        // Ten pairs reach the flush threshold; the flush is draining them when the next views arrive.
        assertThat(hashing.await(10, TimeUnit.SECONDS)).isTrue();
        for (int reader = 10; reader < 15; reader++) {
            viewAs(counter, 1, "address:192.0.2." + reader);
        }
        release.countDown();
        counter.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(counter.stats().dropped(DropReason.PAIRS_FULL)).isEqualTo(5);
        assertThat(tables.views(DATABASE, 1)).isEqualTo(10);
    }

    private static boolean waitingOnALock(String table) {
        return TestPostgres.queryLong(DATABASE, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND query LIKE '%" + table + "%' AND pid <> pg_backend_pid()") > 0;
    }

    private void view(ViewCounter counter, long id) {
        viewAs(counter, id, VIEWER);
    }

    private void viewAs(ViewCounter counter, long id, String viewer) {
        currentViewer.set(new Viewer(viewer, "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"));
        try {
            counter.record(id);
        } finally {
            currentViewer.remove();
        }
    }

    private ViewCounter counter(Duration cooldown, ViewWriter writer) {
        ViewCounter counter = new BatchingViewCounter(options(cooldown), writer, currentViewer::get, hasher);
        counters.add(counter);
        return counter;
    }

    private static ViewCounterOptions options(Duration cooldown) {
        return ViewCounterOptions.builder("test").flushInterval(Duration.ofHours(1)).cooldown(cooldown).maxRetries(2)
                .retryDelay(Duration.ofMillis(10)).spillFile(null).build();
    }

    private ViewerChunkWriter writer(DataSource dataSource, Duration cooldown) {
        return new ViewerChunkWriter(dataSource, tables.post(), "id", "views", "coalesce_view_flush", "test",
                Duration.ofSeconds(10), new ViewerTables(tables.relation(), "post_id", "unique_viewers",
                        tables.daily(), ZoneOffset.UTC),
                cooldown);
    }
}
