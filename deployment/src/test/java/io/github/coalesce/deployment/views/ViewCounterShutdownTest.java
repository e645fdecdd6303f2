package io.github.coalesce.deployment.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.testsupport.TestPostgres;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Views recorded just before the application stops are written on the way down: the row is checked after the app is
 * gone, on a server that outlives it (the one named by QUARKUS_DATASOURCE_JDBC_URL, or one the test starts).
 */
class ViewCounterShutdownTest {

    static final String URL = TestPostgres.url();

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Schema.class, Tables.class, TestPostgres.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.jdbc.url", URL)
            .overrideConfigKey("quarkus.datasource.username", TestPostgres.username())
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "shutdown_post")
            .overrideConfigKey("quarkus.coalesce.view-counter.flush-interval", "1h")
            .setAfterUndeployListener(ViewCounterShutdownTest::theViewsWereWritten);

    @Inject
    ViewCounter counter;

    @Test
    void recordAndStop() {
        for (int i = 0; i < 5; i++) {
            counter.record(9);
        }
        assertThat(counter.pending(9)).isEqualTo(5);
    }

    static void theViewsWereWritten() {
        try (Connection connection = DriverManager.getConnection(URL, TestPostgres.username(), TestPostgres.password());
                ResultSet row = connection.createStatement()
                        .executeQuery("SELECT views FROM shutdown_post WHERE id = 9")) {
            row.next();
            assertThat(row.getLong(1)).as("views written at shutdown").isEqualTo(5);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ApplicationScoped
    public static class Schema {
        void create(@Observes @Priority(1) StartupEvent event, DataSource dataSource) {
            Tables.createCounted(dataSource, "shutdown_post");
        }
    }
}
