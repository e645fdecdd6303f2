package io.github.coalesce.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

/**
 * The most pairs per second that any flush storing one row per new (post, viewer) pair can reach on this machine: the
 * pairs of {@link ViewersHarness}, already sorted and hashed, in chunks of 500 on {@code writers} connections, each
 * chunk one {@code INSERT … SELECT FROM unnest(…)} into a table of nothing but {@code (post_id, viewer)} and its
 * primary key. Rounds of new readers, as the harness's, which takes turns with them round by round.
 */
final class InsertFloor {

    private static final int CHUNK = 500;

    private InsertFloor() {
    }

    /** The floor's table, empty. */
    static void create(DataSource db) throws SQLException {
        BenchDatabase.execute(db, "DROP TABLE IF EXISTS bench_pair_floor",
                "CREATE TABLE bench_pair_floor (post_id bigint NOT NULL, viewer text COLLATE \"C\" NOT NULL,"
                        + " PRIMARY KEY (post_id, viewer))");
    }

    /** @return pairs per second of one round: {@code readers} new readers, each viewing every post */
    static double round(DataSource db, int round, int posts, int readers, int writers) throws Exception {
        {
            ConcurrentLinkedQueue<Object[]> chunks = new ConcurrentLinkedQueue<>(chunks(round, posts, readers));
            long started = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            List<Exception> failures = new CopyOnWriteArrayList<>();
            for (int w = 0; w < writers; w++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try (Connection connection = db.getConnection();
                            PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_pair_floor"
                                    + " SELECT * FROM unnest(?::bigint[], ?::text[])")) {
                        for (Object[] chunk = chunks.poll(); chunk != null; chunk = chunks.poll()) {
                            insert.setObject(1, chunk[0]);
                            insert.setArray(2, connection.createArrayOf("text", (String[]) chunk[1]));
                            insert.executeUpdate();
                        }
                    } catch (SQLException e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                throw failures.getFirst();
            }
            return (double) posts * readers / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** The pairs of a round in the harness's order: reader after reader, posts ascending. */
    private static List<Object[]> chunks(int round, int posts, int readers) throws NoSuchAlgorithmException {
        List<Object[]> chunks = new ArrayList<>();
        long[] ids = new long[CHUNK];
        String[] viewers = new String[CHUNK];
        int filled = 0;
        for (int reader = 0; reader < readers; reader++) {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("floor/" + round + "/" + reader).getBytes(StandardCharsets.UTF_8));
            String viewer = "h:" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
            for (long id = 1; id <= posts; id++) {
                ids[filled] = id;
                viewers[filled++] = viewer;
                if (filled == CHUNK) {
                    chunks.add(new Object[] { ids.clone(), viewers.clone() });
                    filled = 0;
                }
            }
        }
        if (filled > 0) {
            chunks.add(new Object[] { Arrays.copyOf(ids, filled), Arrays.copyOf(viewers, filled) });
        }
        return chunks;
    }
}
