package io.github.coalesce.deployment.views;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.testsupport.TestDatasource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With SmallRye Health present, /q/health/ready turns DOWN while the database does not take the views (a real table
 * lock makes every chunk time out), names the counter and the age, and turns UP again once a flush succeeds.
 */
class ViewCounterReadinessTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestDatasource.on(new QuarkusUnitTest(), QuarkusUnitTest::overrideConfigKey)
            .withApplicationRoot(jar -> jar.addClasses(Schema.class, Tables.class))
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "health_post")
            .overrideConfigKey("quarkus.coalesce.view-counter.flush-interval", "200ms")
            .overrideConfigKey("quarkus.coalesce.view-counter.max-retries", "0")
            .overrideConfigKey("quarkus.coalesce.view-counter.statement-timeout", "300ms")
            .overrideConfigKey("quarkus.coalesce.health.max-pending-age", "2s")
            .overrideConfigKey("quarkus.coalesce.health.max-failed-flushes", "3")
            // The outage is in the log too: a WARN for each chunk kept unwritten (no retries configured here).
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.github.coalesce.runtime.views")
                    && record.getLevel().equals(Level.WARNING))
            .assertLogRecords(records -> assertThat(records.stream()
                    .map(record -> String.format(record.getMessage(), record.getParameters())))
                    .isNotEmpty().allMatch(message -> message.contains("kept for the next flush")));

    @Inject
    ViewCounter counter;

    @Inject
    DataSource dataSource;

    @Test
    void downWhileViewsCannotBeWrittenUpOnceTheyAre() throws Exception {
        String up = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(up).contains("quarkus-coalesce view counters", "<default>.oldest-pending-age");

        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE health_post IN ACCESS EXCLUSIVE MODE");
            counter.record(5);

            await().atMost(20, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS).until(
                    () -> given().get("/q/health/ready").asString().contains("views pending for"));
            String down = given().get("/q/health/ready").then().statusCode(503).extract().asString();
            assertThat(down)
                    .contains("\"<default>.problem\"", "longer than quarkus.coalesce.health.max-pending-age=2s")
                    .containsPattern("the last \\d+ flushes failed")
                    .doesNotContain("\"<default>.oldest-pending-age\":\"0s\"");
            locker.rollback();
        }

        await().atMost(20, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS)
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        assertThat(Tables.queryLong(dataSource, "SELECT views FROM health_post WHERE id = 5")).isEqualTo(1);
    }

    @ApplicationScoped
    public static class Schema {
        void create(@Observes @Priority(1) StartupEvent event, DataSource dataSource) {
            Tables.createCounted(dataSource, "health_post");
        }
    }
}
