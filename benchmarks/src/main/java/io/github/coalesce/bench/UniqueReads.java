package io.github.coalesce.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Unique viewers as a column or as a query, measured (issue #15 asks to measure and choose): the time of one read of
 * {@code unique_viewers} from the post's row against a {@code count(*)} of its relation rows, for the harness's posts
 * (tens of readers each; 2 000 reads) and for a popular post given 100 000 readers (100 reads). Reads on one
 * connection, prepared, after a {@code VACUUM ANALYZE}, so that the count is the planner's best (an index-only scan).
 */
final class UniqueReads {

    private static final int READS = 2_000;
    /** Reads of the popular post: its count takes milliseconds, and its time varies little from read to read. */
    private static final int POPULAR_READS = 100;
    private static final int POPULAR_READERS = 100_000;

    private UniqueReads() {
    }

    /** Adds the metrics {@code viewers_unique_read_{column,count}_us[_popular]} to {@code results}. */
    static void measure(DataSource db, String post, String relation, int posts, Results results) throws SQLException {
        BenchDatabase.execute(db, "INSERT INTO " + relation + " SELECT 1, 'h:popular-' || i, now(), now(), now(), 1"
                + " FROM generate_series(1, " + POPULAR_READERS + ") i", "VACUUM ANALYZE " + relation);
        String column = "SELECT unique_viewers FROM " + post + " WHERE id = ?";
        String count = "SELECT count(*) FROM " + relation + " WHERE post_id = ?";
        // A first pass of each, unrecorded: the driver's and the JIT's first calls are not what a read costs.
        micros(db, column, posts);
        micros(db, count, posts);
        results.put("viewers_unique_read_column_us", micros(db, column, posts))
                .put("viewers_unique_read_count_us", micros(db, count, posts))
                .put("viewers_unique_read_column_us_popular", micros(db, column, 0))
                .put("viewers_unique_read_count_us_popular", micros(db, count, 0));
    }

    /** @param posts read posts 2..posts in turn, or only post 1 (the popular one) when 0 */
    private static double micros(DataSource db, String sql, int posts) throws SQLException {
        int reads = posts == 0 ? POPULAR_READS : READS;
        try (Connection connection = db.getConnection(); PreparedStatement read = connection.prepareStatement(sql)) {
            long total = 0;
            for (int i = -reads / 10; i < reads; i++) {
                read.setLong(1, posts == 0 ? 1 : 2 + Math.floorMod(i * 7919L, posts - 1));
                long started = System.nanoTime();
                try (ResultSet result = read.executeQuery()) {
                    result.next();
                }
                if (i >= 0) {
                    total += System.nanoTime() - started;
                }
            }
            return total / 1000.0 / reads;
        }
    }
}
