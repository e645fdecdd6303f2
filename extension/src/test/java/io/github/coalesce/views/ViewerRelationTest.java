package io.github.coalesce.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

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
import io.github.coalesce.Viewers;
import io.github.coalesce.runtime.views.BatchingViewCounter;
import io.github.coalesce.runtime.views.JdbcChunkWriter;
import io.github.coalesce.runtime.views.RetentionPruner;
import io.github.coalesce.runtime.views.ViewerChunkWriter;
import io.github.coalesce.runtime.views.ViewerHasher;
import io.github.coalesce.runtime.views.ViewerTables;
import io.github.coalesce.testsupport.TestPostgres;

/** The viewer relation against a real PostgreSQL: three counters stand for three instances sharing one database. */
class ViewerRelationTest {

    private static final DataSource DATABASE = TestPostgres.dataSource();
    private static final String SECRET = "a-test-secret-of-enough-length";

    private final List<ViewCounter> counters = new ArrayList<>();
    private final ThreadLocal<Viewer> currentViewer = new ThreadLocal<>();
    private final Supplier<Viewer> viewers = currentViewer::get;
    private RelationTables tables;
    private String post;
    private String relation;
    private String daily;

    @BeforeEach
    void setUp() {
        tables = RelationTables.create(DATABASE, "viewers");
        post = tables.post();
        relation = tables.relation();
        daily = tables.daily();
    }

    @AfterEach
    void tearDown() {
        counters.forEach(counter -> counter.close(Duration.ofSeconds(1)));
        tables.drop(DATABASE);
    }

    @Test
    void theSameViewerOnThreeInstancesWithinTheCooldownCountsOnce() {
        List<ViewCounter> instances = instances(3, Duration.ofMinutes(10));
        for (ViewCounter instance : instances) {
            view(instance, 7, "address:203.0.113.9");
            flush(instance);
        }
        assertThat(views(7)).isEqualTo(1);
        assertThat(uniques(7)).isEqualTo(1);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + relation)).isEqualTo(1);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + daily)).isEqualTo(1);
        long rejected = instances.stream().mapToLong(c -> c.stats().viewers().rejectedByDatabaseCooldown()).sum();
        assertThat(rejected).isEqualTo(2);
        assertThat(instances.stream().mapToLong(c -> c.stats().viewsWritten()).sum()).isEqualTo(1);
    }

    @Test
    void afterTheCooldownTheSameViewerCountsAgainButIsNoNewUniqueViewer() throws Exception {
        List<ViewCounter> instances = instances(3, Duration.ofMillis(800));
        view(instances.get(0), 7, "address:203.0.113.9");
        flush(instances.get(0));
        view(instances.get(1), 7, "address:203.0.113.9");
        flush(instances.get(1));
        assertThat(views(7)).isEqualTo(1);
        Thread.sleep(1000);
        view(instances.get(2), 7, "address:203.0.113.9");
        flush(instances.get(2));
        assertThat(views(7)).isEqualTo(2);
        assertThat(uniques(7)).isEqualTo(1);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT views FROM " + relation)).isEqualTo(2);
    }

    @Test
    void manyViewersRoundRobinOverThreeInstancesGiveExactCountsAndUniques() throws Exception {
        List<ViewCounter> instances = instances(3, Duration.ofMinutes(10));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int offset = t;
            threads.add(Thread.ofPlatform().start(() -> {
                int request = offset;
                for (int viewer = offset; viewer < 400; viewer += 8) {
                    for (long id = 1; id <= 20; id++) {
                        // Each viewer views each post three times, each time on the next instance.
                        for (int repeat = 0; repeat < 3; repeat++) {
                            view(instances.get(request++ % 3), id, "address:10.0." + viewer / 256 + "." + viewer);
                        }
                    }
                }
            }));
        }
        // The three instances flush at the same time, while views arrive, as they would in production.
        while (threads.stream().anyMatch(Thread::isAlive)) {
            flushTogether(instances);
            Thread.sleep(20);
        }
        for (int round = 0; round < 3; round++) {
            flushTogether(instances);
        }
        for (long id = 1; id <= 20; id++) {
            assertThat(views(id)).as("views of %d", id).isEqualTo(400);
            assertThat(uniques(id)).as("unique viewers of %d", id).isEqualTo(400);
        }
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT count(*) FROM " + relation)).isEqualTo(8000);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + relation)).isEqualTo(8000);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + daily)).isEqualTo(8000);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + post)).isEqualTo(8000);
        // Chunks of the three instances took the same posts' rows all along: locked in id order, none deadlocked
        // (PostgreSQL would have aborted one, and the writer retried it).
        assertThat(instances.stream().mapToLong(c -> c.stats().retries()).sum()).isZero();
    }

    @Test
    void aRetriedChunkThatHadCommittedIsAppliedOnceInEveryTable() {
        CommitThenFail commitsThenThrows = new CommitThenFail(writer(Duration.ofMinutes(10)));
        ViewCounter counter = counter(options(Duration.ofMinutes(10)), commitsThenThrows);
        for (int viewer = 0; viewer < 50; viewer++) {
            view(counter, 3, "address:198.51.100." + viewer);
        }
        flush(counter);
        assertThat(commitsThenThrows.calls()).isEqualTo(2);
        assertThat(counter.stats().chunksAlreadyApplied()).isEqualTo(1);
        assertThat(views(3)).isEqualTo(50);
        assertThat(uniques(3)).isEqualTo(50);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT count(*) FROM " + relation)).isEqualTo(50);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + relation)).isEqualTo(50);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + daily)).isEqualTo(50);
    }

    @Test
    void theStoredViewerIsAKeyedHashThatNeverContainsTheAddress() {
        ViewCounter counter = counter(options(Duration.ofMinutes(10)), writer(Duration.ofMinutes(10)));
        List<String> addresses = List.of("203.0.113.9", "2001:db8::1", "10.1.2.3");
        for (String address : addresses) {
            view(counter, 1, "address:" + address);
        }
        view(counter, 1, "user:alice");
        flush(counter);
        List<String> stored = queryStrings("SELECT viewer FROM " + relation + " ORDER BY viewer");
        assertThat(stored).hasSize(4).allSatisfy(viewer -> {
            assertThat(viewer).startsWith("h:").hasSize(45);
            addresses.forEach(address -> assertThat(viewer).doesNotContain(address));
            assertThat(viewer).doesNotContain("alice");
        });
        ViewerHasher other = new ViewerHasher("another-secret-of-enough-length", false, "p");
        assertThat(other.apply("address:203.0.113.9")).isNotIn(stored);
    }

    @Test
    void principalsAreStoredByNameOnlyWhenTheApplicationOptsIn() {
        // Applications' tables hold this format and query it: it may not change (Viewers is its one definition).
        assertThat(Viewers.signedIn("alice")).isEqualTo("user:alice");
        assertThat(Viewers.address("203.0.113.9")).isEqualTo("address:203.0.113.9");
        assertThat(Viewers.signedInPattern()).isEqualTo("user:%");
        assertThat(Viewers.isSignedIn(Viewers.signedIn("alice"))).isTrue();
        assertThat(Viewers.isSignedIn(Viewers.address("203.0.113.9"))).isFalse();
        ViewerHasher hasher = new ViewerHasher(SECRET, true, "p");
        assertThat(hasher.apply(Viewers.signedIn("alice"))).isEqualTo("user:alice");
        assertThat(hasher.apply(Viewers.address("203.0.113.9"))).startsWith("h:").doesNotContain("203.0.113.9");
        assertThat(hasher().apply(Viewers.signedIn("alice"))).startsWith("h:").doesNotContain("alice");
    }

    @Test
    void aMissingOrShortSecretIsAClearErrorNamingTheProperty() {
        assertThatThrownBy(() -> new ViewerHasher(null, false, "quarkus.coalesce.view-counter.viewers.secret"))
                .hasMessageContaining("quarkus.coalesce.view-counter.viewers.secret is required");
        assertThatThrownBy(() -> new ViewerHasher("short", false, "quarkus.coalesce.view-counter.viewers.secret"))
                .hasMessageContaining("quarkus.coalesce.view-counter.viewers.secret must be at least 16");
    }

    @Test
    void retentionDeletesOldRowsInBatchesAndNothingElse() throws Exception {
        TestPostgres.execute(DATABASE,
                "INSERT INTO " + relation + " SELECT 1 + i % 10, 'h:old' || i, now() - interval '40 days',"
                        + " now() - interval '31 days', now() - interval '31 days', 1 FROM generate_series(1, 250) i",
                "INSERT INTO " + relation + " SELECT 1 + i % 10, 'h:new' || i, now() - interval '40 days',"
                        + " now() - interval '29 days', now() - interval '29 days', 1 FROM generate_series(1, 70) i",
                "INSERT INTO " + daily + " SELECT 1, current_date - d, 5 FROM generate_series(0, 59) d");
        AtomicInteger batches = new AtomicInteger();
        RetentionPruner pruner = new RetentionPruner(DATABASE, tables(), Duration.ofDays(30),
                Duration.ofHours(1), 100, Duration.ofSeconds(10), "test", rows -> batches.incrementAndGet());
        assertThat(pruner.pruneNow()).isEqualTo(250 + 29);
        assertThat(batches.get()).isGreaterThanOrEqualTo(3);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT count(*) FROM " + relation)).isEqualTo(70);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT count(*) FROM " + relation + " WHERE viewer LIKE 'h:new%'"))
                .isEqualTo(70);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT min(day - current_date) FROM " + daily)).isEqualTo(-30);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT count(*) FROM " + post)).isEqualTo(100);
    }

    @Test
    void viewsOfADeletedRowAreDroppedAndPairsPendingAtShutdownAreSpilledHashed(@TempDir Path dir) throws Exception {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        ViewerChunkWriter unreachable = new ViewerChunkWriter(nowhere, post, "id", "views", "coalesce_view_flush",
                "test", Duration.ofSeconds(1), tables(), Duration.ofMinutes(10));
        Path spill = dir.resolve("pairs.spill");
        ViewCounterOptions options = options(Duration.ofMinutes(10)).toBuilder().maxRetries(0)
                .retryDelay(Duration.ofMillis(1)).spillFile(spill).build();
        ViewCounter down = new BatchingViewCounter(options, unreachable, viewers, hasher());
        view(down, 5, "address:192.0.2.55");
        view(down, 6, "address:192.0.2.55");
        down.close(Duration.ofSeconds(2));
        assertThat(java.nio.file.Files.readString(spill)).contains(" P ").doesNotContain("192.0.2.55");
        TestPostgres.execute(DATABASE, "DELETE FROM " + post + " WHERE id = 6");
        ViewCounter replayed = counter(options, writer(Duration.ofMinutes(10)));
        flush(replayed);
        assertThat(views(5)).isEqualTo(1);
        assertThat(uniques(5)).isEqualTo(1);
        assertThat(replayed.stats().dropped(DropReason.MISSING_ROW)).isEqualTo(1);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT count(*) FROM " + relation)).isEqualTo(1);
    }

    @Test
    void pendingPairsCountAgainstTheMemoryBoundWhilePendingAndWhileBeingWritten() throws Exception {
        ViewerChunkWriter real = writer(Duration.ofMinutes(10));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ViewWriter slow = chunk -> {
            release.await();
            return real.write(chunk);
        };
        ViewCounter counter = counter(options(Duration.ofMinutes(10)).toBuilder().maxPendingKeys(10).build(), slow);
        for (int viewer = 0; viewer < 10; viewer++) {
            view(counter, 1, "address:192.0.2." + viewer);
        }
        // Ten pairs reach the flush threshold: they leave the pending map for a chunk that cannot be written yet.
        org.awaitility.Awaitility.await().until(() -> counter.stats().viewers().pendingPairs() == 0);
        for (int viewer = 10; viewer < 15; viewer++) {
            view(counter, 1, "address:192.0.2." + viewer);
        }
        assertThat(counter.stats().dropped(DropReason.PAIRS_FULL)).isEqualTo(5);
        assertThat(counter.pending(1)).isEqualTo(10);
        release.countDown();
        flush(counter);
        assertThat(views(1)).isEqualTo(10);
        assertThat(counter.stats().viewers().pairsWritten()).isEqualTo(10);
    }

    private void view(ViewCounter counter, long id, String viewer) {
        currentViewer.set(new Viewer(viewer, "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"));
        try {
            counter.record(id);
        } finally {
            currentViewer.remove();
        }
    }

    private static void flush(ViewCounter counter) {
        try {
            counter.flush().toCompletableFuture().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void flushTogether(List<ViewCounter> instances) {
        instances.stream().map(ViewCounter::flush).toList()
                .forEach(done -> done.toCompletableFuture().join());
    }

    private List<ViewCounter> instances(int count, Duration cooldown) {
        List<ViewCounter> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instances.add(counter(options(cooldown), writer(cooldown)));
        }
        return instances;
    }

    private ViewCounter counter(ViewCounterOptions options, ViewWriter writer) {
        ViewCounter counter = new BatchingViewCounter(options, writer, viewers, hasher());
        counters.add(counter);
        return counter;
    }

    private static ViewerHasher hasher() {
        return new ViewerHasher(SECRET, false, "quarkus.coalesce.view-counter.viewers.secret");
    }

    private static ViewCounterOptions options(Duration cooldown) {
        return ViewCounterOptions.builder("test").flushInterval(Duration.ofHours(1)).cooldown(cooldown).maxRetries(2)
                .retryDelay(Duration.ofMillis(10)).spillFile(null).build();
    }

    private ViewerTables tables() {
        return new ViewerTables(relation, "post_id", "unique_viewers", daily, ZoneOffset.UTC);
    }

    private ViewerChunkWriter writer(Duration cooldown) {
        try {
            new JdbcChunkWriter(DATABASE, post, "id", "views", "coalesce_view_flush", "test",
                    Duration.ofSeconds(10)).createLedger();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new ViewerChunkWriter(DATABASE, post, "id", "views", "coalesce_view_flush", "test",
                Duration.ofSeconds(10), tables(), cooldown);
    }

    private long views(long id) {
        return tables.views(DATABASE, id);
    }

    private long uniques(long id) {
        return tables.uniques(DATABASE, id);
    }

    private static List<String> queryStrings(String sql) {
        try (java.sql.Connection connection = DATABASE.getConnection();
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery(sql)) {
            List<String> result = new java.util.ArrayList<>();
            while (rows.next()) {
                result.add(rows.getString(1));
            }
            return result;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
