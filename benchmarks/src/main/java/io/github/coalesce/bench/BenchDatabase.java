package io.github.coalesce.bench;

import java.sql.SQLException;

import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.github.coalesce.testsupport.TestPostgres;

/**
 * The PostgreSQL the benchmarks write to, as the project's tests find it ({@link TestPostgres}): the server of
 * {@code QUARKUS_DATASOURCE_JDBC_URL} when set, else an embedded one stopped when the JVM exits; plus pools and the
 * few statements the harnesses need.
 */
public final class BenchDatabase {

    private BenchDatabase() {
    }

    /** @return the database, the embedded server started on first use (by {@link TestPostgres}) */
    public static BenchDatabase start() {
        TestPostgres.url();
        return new BenchDatabase();
    }

    /** @return where it runs, for the report: "embedded PostgreSQL 17" or the server's version */
    public String describe() {
        return (TestPostgres.embedded() ? "embedded " : "server ") + "PostgreSQL "
                + queryString(dataSource(), "SHOW server_version");
    }

    public String jdbcUrl(String database) {
        return TestPostgres.url(database);
    }

    public String user() {
        return TestPostgres.username();
    }

    public String password() {
        return TestPostgres.password();
    }

    public DataSource dataSource() {
        return TestPostgres.dataSource();
    }

    public DataSource dataSource(String database) {
        return TestPostgres.dataSource(jdbcUrl(database));
    }

    /** @return a pool of up to {@code size} connections, as Quarkus' datasource is (Agroal) */
    public DataSource pooled(String database, int size) {
        return pool(jdbcUrl(database), size);
    }

    public DataSource pooled(int size) {
        return pool(TestPostgres.url(), size);
    }

    private DataSource pool(String url, int size) {
        try {
            return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(size).initialSize(size)
                            .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                                    .principal(new NamePrincipal(user())).credential(new SimplePassword(password())))));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops and creates {@code database}, so that every run starts from nothing. */
    public void recreate(String database) {
        execute(dataSource(), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)",
                "CREATE DATABASE " + database);
    }

    public static void execute(DataSource dataSource, String... sql) {
        TestPostgres.execute(dataSource, sql);
    }

    public static String queryString(DataSource dataSource, String sql) {
        return TestPostgres.queryString(dataSource, sql);
    }

    public static long queryLong(DataSource dataSource, String sql) {
        return TestPostgres.queryLong(dataSource, sql);
    }

    /** Creates {@code table(id bigint primary key, views bigint)} with rows 1..rows. */
    public static void createCounted(DataSource dataSource, String table, int rows) {
        execute(dataSource, "DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id bigint PRIMARY KEY, views bigint NOT NULL DEFAULT 0)",
                "INSERT INTO " + table + " (id) SELECT i FROM generate_series(1, " + rows + ") i",
                "VACUUM ANALYZE " + table);
    }
}
