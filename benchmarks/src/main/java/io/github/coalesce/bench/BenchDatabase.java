package io.github.coalesce.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL the benchmarks write to: the server of {@code QUARKUS_DATASOURCE_JDBC_URL} when set (as in the
 * project's tests), else an embedded one started here and stopped when the JVM exits.
 */
public final class BenchDatabase {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String defaultDatabase;

    private BenchDatabase(String host, int port, String user, String password, String defaultDatabase) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.defaultDatabase = defaultDatabase;
    }

    public static BenchDatabase start() {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (url != null && !url.isBlank()) {
            // jdbc:postgresql://host:port/db
            String rest = url.substring("jdbc:postgresql://".length());
            String hostPort = rest.substring(0, rest.indexOf('/'));
            String database = rest.substring(rest.indexOf('/') + 1).replaceAll("\\?.*", "");
            int colon = hostPort.indexOf(':');
            return new BenchDatabase(colon < 0 ? hostPort : hostPort.substring(0, colon),
                    colon < 0 ? 5432 : Integer.parseInt(hostPort.substring(colon + 1)),
                    System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                    System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""), database);
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            return new BenchDatabase("localhost", embedded.getPort(), "postgres", "", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return where it runs, for the report: "embedded PostgreSQL 17" or the server's version */
    public String describe() {
        return (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null ? "embedded " : "server ") + "PostgreSQL "
                + queryString(dataSource(defaultDatabase), "SHOW server_version");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public DataSource dataSource() {
        return dataSource(defaultDatabase);
    }

    public DataSource dataSource(String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(jdbcUrl(database));
        source.setUser(user);
        source.setPassword(password);
        return source;
    }

    /** @return a pool of up to {@code size} connections, as Quarkus' datasource is (Agroal) */
    public DataSource pooled(String database, int size) {
        try {
            return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(size).initialSize(size)
                            .connectionFactoryConfiguration(factory -> factory.jdbcUrl(jdbcUrl(database))
                                    .principal(new NamePrincipal(user)).credential(new SimplePassword(password)))));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public DataSource pooled(int size) {
        return pooled(defaultDatabase, size);
    }

    /** Drops and creates {@code database}, so that every run starts from nothing. */
    public void recreate(String database) {
        execute(dataSource(defaultDatabase), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)",
                "CREATE DATABASE " + database);
    }

    public static void execute(DataSource dataSource, String... sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String queryString(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long queryLong(DataSource dataSource, String sql) {
        return Long.parseLong(queryString(dataSource, sql));
    }

    /** Creates {@code table(id bigint primary key, views bigint)} with rows 1..rows. */
    public static void createCounted(DataSource dataSource, String table, int rows) {
        execute(dataSource, "DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id bigint PRIMARY KEY, views bigint NOT NULL DEFAULT 0)",
                "INSERT INTO " + table + " (id) SELECT i FROM generate_series(1, " + rows + ") i",
                "VACUUM ANALYZE " + table);
    }
}
