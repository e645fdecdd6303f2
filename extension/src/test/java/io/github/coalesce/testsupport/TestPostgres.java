package io.github.coalesce.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The one real PostgreSQL of the engine tests, the deployment tests and the benchmarks: the server named by
 * {@code QUARKUS_DATASOURCE_JDBC_URL} (with {@code QUARKUS_DATASOURCE_USERNAME}/{@code PASSWORD}) when set, as in
 * CI's real-server pass, else an embedded one started once per JVM and stopped when it exits. Unlike a dev service's,
 * it outlives any application under test. Its URL is kept in a system property because a Quarkus test loads test
 * classes twice, once by JUnit and once by Quarkus, and both copies must find the same server.
 */
public final class TestPostgres {

    private static final String PROPERTY = "coalesce.test.postgres-url";

    private TestPostgres() {
    }

    /** @return the JDBC URL of the server's default database, starting the embedded server on first use */
    public static synchronized String url() {
        String configured = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String url = System.getProperty(PROPERTY);
        if (url != null) {
            return url;
        }
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
            System.setProperty(PROPERTY, url);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether the server is the embedded one (not {@code QUARKUS_DATASOURCE_JDBC_URL}'s) */
    public static boolean embedded() {
        String configured = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        return configured == null || configured.isBlank();
    }

    /**
     * @param database a database on the same server
     * @return its JDBC URL
     */
    public static String url(String database) {
        String url = url();
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    /** @return the user to connect as */
    public static String username() {
        return System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
    }

    /** @return the user's password */
    public static String password() {
        return System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
    }

    /** @return unpooled connections to the default database */
    public static DataSource dataSource() {
        return dataSource(url());
    }

    /**
     * @param url a JDBC URL on this server (see {@link #url(String)})
     * @return unpooled connections to it
     */
    public static DataSource dataSource(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setUser(username());
        source.setPassword(password());
        return source;
    }

    /**
     * Runs statements in order, in autocommit mode.
     *
     * @param dataSource where
     * @param sql the statements
     */
    public static void execute(DataSource dataSource, String... sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param dataSource where
     * @param sql a query with one row and one column
     * @return its value as text
     */
    public static String queryString(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param dataSource where
     * @param sql a query with one row and one numeric column
     * @return its value
     */
    public static long queryLong(DataSource dataSource, String sql) {
        return Long.parseLong(queryString(dataSource, sql));
    }
}
