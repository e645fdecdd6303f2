package io.github.coalesce.runtime.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.coalesce.ViewWriter;
import io.github.coalesce.testsupport.TestPostgres;

/** The JDBC writer with an extra statement part: one round trip, one transaction, guarded by the ledger. */
class JdbcChunkWriterTest {

    private static final DataSource DATABASE = TestPostgres.dataSource();

    private final String table = "writer_test_" + ProcessHandle.current().pid();

    @BeforeEach
    void setUp() {
        TestPostgres.execute(DATABASE, "DROP TABLE IF EXISTS " + table, "DROP TABLE IF EXISTS " + table + "_daily",
                "CREATE TABLE " + table + " (id bigint PRIMARY KEY, views bigint NOT NULL DEFAULT 0)",
                "INSERT INTO " + table + " (id) SELECT i FROM generate_series(1, 10) i",
                "CREATE TABLE " + table + "_daily (id bigint, day date, views bigint, PRIMARY KEY (id, day))");
    }

    @AfterEach
    void tearDown() {
        TestPostgres.execute(DATABASE, "DROP TABLE IF EXISTS " + table, "DROP TABLE IF EXISTS " + table + "_daily");
    }

    @Test
    void anExtraPartIsWrittenWithTheChunkAndSkippedWhenTheLedgerHasItAlready() throws Exception {
        JdbcChunkWriter.StatementPart daily = new JdbcChunkWriter.StatementPart() {
            @Override
            public String cte() {
                return "daily AS (INSERT INTO " + table + "_daily (id, day, views)"
                        + " SELECT v.id, current_date, v.n FROM unnest(?::bigint[], ?::bigint[]) AS v(id, n)"
                        + " WHERE EXISTS (SELECT FROM ledger)"
                        + " ON CONFLICT (id, day) DO UPDATE SET views = " + table + "_daily.views + excluded.views)";
            }

            @Override
            public int bind(PreparedStatement statement, int first, ViewWriter.Batch chunk) throws SQLException {
                statement.setObject(first, chunk.ids());
                statement.setObject(first + 1, chunk.counts());
                return first + 2;
            }
        };
        JdbcChunkWriter writer = new JdbcChunkWriter(DATABASE, table, "id", "views", "coalesce_view_flush",
                "writer-test", Duration.ofSeconds(10), List.of(daily));
        writer.createLedger();
        Chunk chunk = new Chunk(UUID.randomUUID(), new long[] { 2, 3, 99 }, new long[] { 4, 1, 5 });

        ViewWriter.Written first = writer.write(chunk);
        ViewWriter.Written retried = writer.write(chunk);

        assertThat(first.alreadyApplied()).isFalse();
        assertThat(first.rows()).isEqualTo(2);
        assertThat(first.missingIds()).containsExactly(99);
        assertThat(retried.alreadyApplied()).isTrue();
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + table)).isEqualTo(5);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + table + "_daily"))
                .as("written once, with the chunk").isEqualTo(10);
    }
}
