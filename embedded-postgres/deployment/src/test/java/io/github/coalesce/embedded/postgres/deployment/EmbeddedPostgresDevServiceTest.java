package io.github.coalesce.embedded.postgres.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * With no JDBC URL, the default PostgreSQL datasource gets the embedded server; with
 * {@code QUARKUS_DATASOURCE_JDBC_URL} set (CI's second pass) it gets that server instead.
 */
class EmbeddedPostgresDevServiceTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            // Nothing else: no Docker here, and Quarkus' container Dev Service steps aside for the embedded one.
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql");

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @Test
    void theDatasourceReachesARealPostgresql() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create temporary table probe(id bigint primary key, views bigint not null)");
            statement.execute("insert into probe select i, 0 from generate_series(1, 3) i");
            ResultSet updated = statement.executeQuery(
                    "with v(id, n) as (select * from unnest('{1,3}'::bigint[], '{5,7}'::bigint[]))"
                            + " update probe p set views = p.views + v.n from v where p.id = v.id returning p.views");
            long total = 0;
            while (updated.next()) {
                total += updated.getLong(1);
            }
            assertThat(total).isEqualTo(12);
            ResultSet version = statement.executeQuery("show server_version_num");
            version.next();
            assertThat(version.getInt(1)).isGreaterThanOrEqualTo(150000);
        }
        String configured = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (configured != null && !configured.isBlank()) {
            assertThat(url).isEqualTo(configured);
        } else {
            assertThat(url).startsWith("jdbc:postgresql://localhost:").isNotEqualTo(
                    "jdbc:postgresql://localhost:5432/postgres");
        }
    }
}
