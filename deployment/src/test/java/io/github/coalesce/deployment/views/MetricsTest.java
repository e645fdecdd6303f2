package io.github.coalesce.deployment.views;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.ViewCounter;
import io.github.coalesce.testsupport.TestDatasource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.QuarkusUnitTest;

/** With a Micrometer registry present, flight groups and view counters show up in /q/metrics. */
class MetricsTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestDatasource.on(new QuarkusUnitTest(), QuarkusUnitTest::overrideConfigKey)
            .withApplicationRoot(jar -> jar.addClasses(Slow.class, Schema.class, Tables.class))
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "metrics_post")
            .overrideConfigKey("quarkus.coalesce.view-counter.flush-interval", "1h")
            .setLogRecordPredicate(record -> record.getLoggerName().equals("io.github.coalesce"))
            .assertLogRecords(records -> assertThat(records).singleElement()
                    .satisfies(record -> assertThat(record.getLevel()).isEqualTo(Level.INFO))
                    .extracting(LogRecord::getMessage).isEqualTo("quarkus-coalesce: 1 @Coalesce method(s) in 1 flight"
                            + " group(s) [" + Slow.class.getName() + "#lookup(long)]; view counter <default> on"
                            + " metrics_post.views (flush every 1h in chunks of 500, at most 4 virtual-thread writers)"));

    @Inject
    Slow slow;

    @Inject
    ViewCounter counter;

    @Test
    void callsExecutionsAndViewsAreExposed() throws Exception {
        List<CompletableFuture<String>> calls = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> slow.lookup(1), CompletableFuture.delayedExecutor(
                        0, TimeUnit.MILLISECONDS, command -> Thread.ofVirtual().start(command))))
                .toList();
        for (CompletableFuture<String> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("value");
        }
        counter.record(3);
        counter.record(3);
        counter.record(999_999);
        counter.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String method = "method=\"" + Slow.class.getName() + "#lookup(long)\"";
        assertThat(value(metrics, "coalesce_calls_total", method)).isEqualTo(8);
        double executions = value(metrics, "coalesce_executions_total", method);
        assertThat(executions).isBetween(1.0, 7.0);
        // The fan-in distribution: one sample per execution, whose callers add up to all calls.
        assertThat(value(metrics, "coalesce_fan_in_count", method)).isEqualTo(executions);
        assertThat(value(metrics, "coalesce_fan_in_sum", method)).isEqualTo(8);
        assertThat(value(metrics, "coalesce_fan_in_max", method)).isGreaterThanOrEqualTo(8 / executions);
        assertThat(value(metrics, "coalesce_views_recorded_total", "counter=\"<default>\"")).isEqualTo(3);
        assertThat(value(metrics, "coalesce_views_views_written_total", "counter=\"<default>\"")).isEqualTo(2);
        assertThat(value(metrics, "coalesce_views_dropped_total", "reason=\"missing-row\"")).isEqualTo(1);
        assertThat(value(metrics, "coalesce_views_chunks_written_total", "counter=\"<default>\"")).isEqualTo(1);
        assertThat(value(metrics, "coalesce_views_flush_duration_seconds_count", "counter=\"<default>\""))
                .isEqualTo(value(metrics, "coalesce_views_flushes_total", "counter=\"<default>\"")).isPositive();
        assertThat(value(metrics, "coalesce_views_pending_ids", "counter=\"<default>\"")).isZero();
        assertThat(value(metrics, "coalesce_views_oldest_pending_age_seconds", "counter=\"<default>\"")).isZero();
        assertThat(value(metrics, "coalesce_joined_total", method)).isEqualTo(8 - executions);
        assertThat(value(metrics, "coalesce_views_rows_written_total", "counter=\"<default>\"")).isEqualTo(1);
        // The rest of the meters the README names, at zero here: present, so that dashboards built on them work.
        for (String name : List.of("coalesce_failures_total", "coalesce_max_wait_timeouts_total",
                "coalesce_detached_total", "coalesce_in_flight")) {
            assertThat(value(metrics, name, method)).as(name).isZero();
        }
        for (String name : List.of("coalesce_views_deduplicated_total", "coalesce_views_bot_filtered_total",
                "coalesce_views_chunks_already_applied_total", "coalesce_views_retries_total",
                "coalesce_views_failed_chunks_total", "coalesce_views_spill_writes_total",
                "coalesce_views_spill_replays_total")) {
            assertThat(value(metrics, name, "counter=\"<default>\"")).as(name).isZero();
        }
        assertThat(value(metrics, "coalesce_views_dropped_total", "reason=\"pending-full\"")).isZero();
    }

    private static double value(String metrics, String name, String label) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " with " + label + " not in:\n" + metrics));
    }

    @ApplicationScoped
    public static class Slow {
        @Coalesce
        String lookup(long id) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "value";
        }
    }

    @ApplicationScoped
    public static class Schema {
        void create(@Observes @Priority(1) StartupEvent event, DataSource dataSource) {
            Tables.createCounted(dataSource, "metrics_post");
        }
    }
}
