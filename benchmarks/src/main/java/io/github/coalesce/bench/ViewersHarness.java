package io.github.coalesce.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewCounterStats;
import io.github.coalesce.ViewerRelation;
import io.github.coalesce.Viewers;

/**
 * The flush with the viewer relation on: 100 000 distinct (post, viewer) pairs (10 000 posts × 10 readers), each pair
 * viewed three times (the in-memory cooldown keeps one, the database decides on it), written by 4 writers in chunks
 * of 500 pairs, one statement each (ledger, relation upsert with the cooldown decision, count and unique-viewer
 * columns, daily bucket). The tables have the sample app's schema (V5 and V7: the viewer compared byte by byte, an
 * index of signed-in readers only). Each round brings new readers (inserts, the heavier case); one warm-up round, then
 * three, each reported (the table gives their median and range). Reports pairs per second and statements per 10 000 views, and
 * checks the totals after every
 * round. Twice: readers in turn (each reader views every post, then the next: a chunk holds 500 posts of one reader,
 * so the count, unique and bucket rows are written once per pair), and posts in turn (each post's readers one after
 * another: 50 posts of 10 readers, a tenth of those rows per pair), the two ends of what a site's traffic makes.
 * <p>
 * Beside it, the floor of any flush that stores a row per new pair: the same pairs (post, stored viewer), in the same
 * chunks of 500 on 4 connections, by a bare {@code INSERT … SELECT FROM unnest(…)} into a table of those two columns
 * and their primary key, nothing else — no ledger, no cooldown, no count, no buckets.
 */
public final class ViewersHarness {

    private static final int POSTS = 10_000;
    private static final int READERS = 10;
    private static final int VIEWS_PER_PAIR = 3;
    private static final int WRITERS = 4;
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        BenchDatabase database = BenchDatabase.start();
        DataSource db = database.pooled(WRITERS);
        BenchDatabase.createCounted(db, "bench_post", POSTS);
        BenchDatabase.execute(db, "ALTER TABLE bench_post ADD COLUMN unique_viewers bigint NOT NULL DEFAULT 0",
                "DROP TABLE IF EXISTS bench_post_viewer, bench_post_daily",
                "CREATE TABLE bench_post_viewer (post_id bigint NOT NULL, viewer text COLLATE \"C\" NOT NULL,"
                        + " first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL,"
                        + " last_counted timestamptz NOT NULL, views bigint NOT NULL, PRIMARY KEY (post_id, viewer))"
                        + " WITH (fillfactor = 90)",
                "CREATE INDEX ON bench_post_viewer (viewer) WHERE viewer LIKE '" + Viewers.signedInPattern() + "'",
                "CREATE TABLE bench_post_daily (post_id bigint NOT NULL, day date NOT NULL, views bigint NOT NULL,"
                        + " PRIMARY KEY (post_id, day))",
                "CREATE TABLE IF NOT EXISTS coalesce_view_flush (flush_id uuid PRIMARY KEY, counter text NOT NULL,"
                        + " applied_at timestamptz NOT NULL DEFAULT now())");
        AtomicLong statements = new AtomicLong();
        // Readers in turn takes turns with the floor round by round, so that each ratio of the two is of the same
        // minutes of this machine.
        InsertFloor.create(db);
        double[] floor = new double[ROUNDS];
        double[] readersInTurn = rounds(db, false, 0, statements, round -> {
            double pairsPerSecond = InsertFloor.round(db, round, POSTS, READERS, WRITERS);
            System.out.printf("  floor, a bare INSERT of the same pairs, round %d: %.0f pairs/s%n", round,
                    pairsPerSecond);
            if (round > 0) {
                floor[round - 1] = pairsPerSecond;
            }
        });
        double statementsPer10k = statements.get() * 10_000.0 / ((double) POSTS * READERS * VIEWS_PER_PAIR);
        double[] postsInTurn = rounds(db, true, ROUNDS + 1, statements, round -> {
        });
        Results results = new Results();
        UniqueReads.measure(db, "bench_post", "bench_post_viewer", POSTS, results);
        results.put("viewers_database", database.describe()).putRounds("viewers_flush_pairs_per_s", readersInTurn)
                .putRounds("viewers_flush_pairs_per_s_posts_in_turn", postsInTurn)
                .putRounds("viewers_insert_floor_pairs_per_s", floor)
                .put("viewers_statements_per_10k_views", statementsPer10k)
                .write(Path.of(args.length > 0 ? args[0] : "target/viewers.json"));
        System.exit(0);
    }

    /** What runs after each round of the relation's (round 0 is the warm-up). */
    private interface AfterRound {
        void after(int round) throws Exception;
    }

    /**
     * One warm-up round and {@link #ROUNDS} measured ones, each checked against the totals it must leave.
     *
     * @param postsInTurn whether each post's readers view it one after another (a chunk then holds 50 posts of 10
     *        readers each), or each reader views every post before the next reader comes (500 posts of one reader)
     * @param roundsBefore rounds run before, whose rows are in the tables
     * @param statements receives the statements of the last round
     * @param afterRound run after each round, the warm-up's included
     * @return the measured rounds' pairs per second
     */
    private static double[] rounds(DataSource db, boolean postsInTurn, int roundsBefore, AtomicLong statements,
            AfterRound afterRound) throws Exception {
        double[] measured = new double[ROUNDS];
        for (int round = 0; round <= ROUNDS; round++) {
            double pairsPerSecond = round(db, roundsBefore + round, postsInTurn, statements);
            long pairs = (long) POSTS * READERS;
            long expected = pairs * (roundsBefore + round + 1);
            long total = BenchDatabase.queryLong(db, "SELECT sum(views) FROM bench_post");
            long rows = BenchDatabase.queryLong(db, "SELECT count(*) FROM bench_post_viewer");
            if (total != expected || rows != expected) {
                throw new IllegalStateException("views " + total + ", relation rows " + rows + ", expected "
                        + expected + " of each");
            }
            System.out.printf("  %s, round %d: %.0f pairs/s, %d statements%n",
                    postsInTurn ? "posts in turn" : "readers in turn", round, pairsPerSecond, statements.get());
            if (round > 0) {
                measured[round - 1] = pairsPerSecond;
            }
            afterRound.after(round);
        }
        return measured;
    }

    private static double round(DataSource db, int round, boolean postsInTurn, AtomicLong statements)
            throws Exception {
        ViewCounterOptions options = ViewCounterOptions.builder("bench-viewers").flushInterval(Duration.ofHours(1))
                .cooldown(Duration.ofMinutes(10)).maxCooldownEntries(1_000_000).maxPendingKeys(1_000_000)
                .batchSize(500).maxConcurrentFlushes(WRITERS).spillFile(null).build();
        ViewerRelation relation = ViewerRelation.of("bench_post_viewer", "benchmark-secret-of-enough-length")
                .withUniqueColumn("unique_viewers").withDailyTable("bench_post_daily", ZoneOffset.UTC);
        ViewCounter.Viewer[] viewers = new ViewCounter.Viewer[READERS];
        for (int reader = 0; reader < READERS; reader++) {
            viewers[reader] = new ViewCounter.Viewer(Viewers.address("10." + round + ".0." + reader),
                    "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");
        }
        int[] current = new int[1];
        try (ViewCounter counter = ViewCounter.builder(options).dataSource(db).table("bench_post")
                .statementTimeout(Duration.ofSeconds(60)).viewerRelation(relation).viewers(() -> viewers[current[0]])
                .build()) {
            long started = System.nanoTime();
            for (int view = 0; view < VIEWS_PER_PAIR; view++) {
                for (long i = 0; i < (long) READERS * POSTS; i++) {
                    current[0] = (int) (postsInTurn ? i % READERS : i / POSTS);
                    counter.record(postsInTurn ? 1 + i / READERS : 1 + i % POSTS);
                }
            }
            counter.flush().toCompletableFuture().get(300, TimeUnit.SECONDS);
            // One statement per attempt: the chunks committed, plus the attempts that failed and were retried.
            ViewCounterStats stats = counter.stats();
            statements.set(stats.chunksWritten() + stats.retries() + stats.failedChunks());
            return POSTS * READERS / ((System.nanoTime() - started) / 1e9);
        }
    }
}
