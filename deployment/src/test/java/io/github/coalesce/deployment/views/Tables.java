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
}
