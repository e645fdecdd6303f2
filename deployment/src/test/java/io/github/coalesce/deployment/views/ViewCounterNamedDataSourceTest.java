package io.github.coalesce.deployment.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.testsupport.TestDatasource;
import io.github.coalesce.testsupport.TestPostgres;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code view-counter.datasource} names the datasource the counter writes to. Its table exists only in that
 * datasource's database, so a counter that used the default one would fail its start-up check.
 */
class ViewCounterNamedDataSourceTest {

    private static final String DATABASE = "coalesce_named_views_" + ProcessHandle.current().pid();
    private static final String URL = createDatabase();

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestDatasource.on(new QuarkusUnitTest(), QuarkusUnitTest::overrideConfigKey)
            .withApplicationRoot(jar -> jar.addClasses(Tables.class))
            .overrideConfigKey("quarkus.datasource.views.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.views.jdbc.url", URL)
            .overrideConfigKey("quarkus.datasource.views.username", TestPostgres.username())
            .overrideConfigKey("quarkus.datasource.views.password", TestPostgres.password())
            .overrideConfigKey("quarkus.coalesce.view-counter.datasource", "views")
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "named_post")
            .overrideConfigKey("quarkus.coalesce.view-counter.cooldown", "0s")
            .overrideConfigKey("quarkus.coalesce.view-counter.flush-interval", "1h");

    @Inject
    ViewCounter views;

    @Inject
    DataSource defaultDataSource;

    /** Idempotent: the test class is initialised twice, by JUnit and in the application's class loader. */
    private static String createDatabase() {
        DataSource server = TestPostgres.dataSource();
        if (TestPostgres.queryLong(server, "SELECT count(*) FROM pg_database WHERE datname = '" + DATABASE + "'") == 0) {
            TestPostgres.execute(server, "CREATE DATABASE " + DATABASE);
        }
        String url = TestPostgres.url(DATABASE);
        TestPostgres.execute(TestPostgres.dataSource(url),
                "CREATE TABLE IF NOT EXISTS named_post (id bigint PRIMARY KEY, views bigint NOT NULL DEFAULT 0)",
                "INSERT INTO named_post (id) SELECT i FROM generate_series(1, 100) i ON CONFLICT DO NOTHING");
        return url;
    }

    @Test
    void viewsAreWrittenThroughTheNamedDataSourceOnly() throws Exception {
        views.record(3);
        views.record(3);
        views.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);

        DataSource named = TestPostgres.dataSource(URL);
        assertThat(Tables.queryLong(named, "SELECT views FROM named_post WHERE id = 3")).isEqualTo(2);
        assertThat(Tables.queryLong(named, "SELECT count(*) FROM coalesce_view_flush")).isEqualTo(1);
        assertThat(Tables.queryLong(defaultDataSource, "SELECT count(*) FROM pg_tables WHERE tablename ="
                + " 'named_post'")).as("the default database has no counted table").isZero();
    }
}
