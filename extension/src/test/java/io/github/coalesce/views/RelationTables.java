package io.github.coalesce.views;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.coalesce.runtime.views.JdbcChunkWriter;
import io.github.coalesce.testsupport.TestPostgres;

/**
 * A counted table of 100 rows with a unique-viewer column, its viewer relation and its daily buckets, named per test
 * and per JVM so that concurrent test runs never share them.
 */
record RelationTables(String post, String relation, String daily) {

    private static final AtomicInteger TABLES = new AtomicInteger();

    static RelationTables create(DataSource database, String prefix) {
        String suffix = "_" + TABLES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        RelationTables tables = new RelationTables(prefix + "_post" + suffix, prefix + "_rel" + suffix,
                prefix + "_daily" + suffix);
        tables.drop(database);
        TestPostgres.execute(database,
                "CREATE TABLE " + tables.post + " (id bigint PRIMARY KEY, views bigint NOT NULL DEFAULT 0,"
                        + " unique_viewers bigint NOT NULL DEFAULT 0)",
                "INSERT INTO " + tables.post + " (id) SELECT i FROM generate_series(1, 100) i",
                "CREATE TABLE " + tables.relation + " (post_id bigint NOT NULL REFERENCES " + tables.post
                        + " ON DELETE CASCADE, viewer text NOT NULL, first_seen timestamptz NOT NULL,"
                        + " last_seen timestamptz NOT NULL, last_counted timestamptz NOT NULL, views bigint NOT NULL,"
                        + " PRIMARY KEY (post_id, viewer))",
                "CREATE TABLE " + tables.daily + " (post_id bigint NOT NULL REFERENCES " + tables.post
                        + " ON DELETE CASCADE, day date NOT NULL, views bigint NOT NULL, PRIMARY KEY (post_id, day))");
        return tables;
    }

    /** Creates the ledger table {@code coalesce_view_flush} the writers of these tables share, if it is not there. */
    void createLedger(DataSource database) throws SQLException {
        new JdbcChunkWriter(database, post, "id", "views", "coalesce_view_flush", "test", Duration.ofSeconds(10))
                .createLedger();
    }

    void drop(DataSource database) {
        TestPostgres.execute(database, "DROP TABLE IF EXISTS " + daily + ", " + relation + ", " + post);
    }

    long views(DataSource database, long id) {
        return TestPostgres.queryLong(database, "SELECT views FROM " + post + " WHERE id = " + id);
    }

    long uniques(DataSource database, long id) {
        return TestPostgres.queryLong(database, "SELECT unique_viewers FROM " + post + " WHERE id = " + id);
    }
}
