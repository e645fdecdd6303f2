package io.github.coalesce.views;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the engine tests: the server named by {@code QUARKUS_DATASOURCE_JDBC_URL} (with
 * {@code QUARKUS_DATASOURCE_USERNAME}/{@code PASSWORD}) when set, else an embedded one started once per JVM.
 */
final class TestDatabase {

    private static DataSource dataSource;

    private TestDatabase() {
    }

    static synchronized DataSource get() {
        if (dataSource == null) {
            String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
            if (url != null && !url.isBlank()) {
                PGSimpleDataSource server = new PGSimpleDataSource();
                server.setUrl(url);
                server.setUser(System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"));
                server.setPassword(System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
                dataSource = server;
            } else {
                try {
                    EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            embedded.close();
                        } catch (IOException ignored) {
                            // the JVM is exiting
                        }
                    }));
                    dataSource = embedded.getPostgresDatabase();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return dataSource;
    }

    static void execute(String... sql) {
        try (Connection connection = get().getConnection(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long queryLong(String sql) {
        try (Connection connection = get().getConnection(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static java.util.List<String> queryStrings(String sql) {
        try (Connection connection = get().getConnection(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            java.util.List<String> result = new java.util.ArrayList<>();
            while (rows.next()) {
                result.add(rows.getString(1));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
