package io.github.coalesce.deployment.views;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** SQL helpers for the view counter tests. */
final class Tables {

    private Tables() {
    }

    static void execute(DataSource dataSource, String... sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long queryLong(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates {@code table(id bigint primary key, views bigint)} with rows 1..100, empty counts. */
    static void createCounted(DataSource dataSource, String table) {
        execute(dataSource, "DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id bigint PRIMARY KEY, views bigint NOT NULL DEFAULT 0)",
                "INSERT INTO " + table + " (id) SELECT i FROM generate_series(1, 100) i");
    }

    /**
     * Creates {@code post(id, views, unique_viewers)} with rows 1..100, its viewer relation {@code relation} and its
     * daily buckets {@code daily}, shaped as {@code viewers.table}/{@code viewers.daily-table} require.
     */
    static void createViewerRelation(DataSource dataSource, String post, String relation, String daily) {
        execute(dataSource, "DROP TABLE IF EXISTS " + daily + ", " + relation + ", " + post,
                "CREATE TABLE " + post + " (id bigint PRIMARY KEY, views bigint NOT NULL DEFAULT 0,"
                        + " unique_viewers bigint NOT NULL DEFAULT 0)",
                "INSERT INTO " + post + " (id) SELECT i FROM generate_series(1, 100) i",
                "CREATE TABLE " + relation + " (post_id bigint NOT NULL REFERENCES " + post + " ON DELETE CASCADE,"
                        + " viewer text NOT NULL, first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL,"
                        + " last_counted timestamptz NOT NULL, views bigint NOT NULL, PRIMARY KEY (post_id, viewer))",
                "CREATE TABLE " + daily + " (post_id bigint NOT NULL REFERENCES " + post + " ON DELETE CASCADE,"
                        + " day date NOT NULL, views bigint NOT NULL, PRIMARY KEY (post_id, day))");
    }
}
