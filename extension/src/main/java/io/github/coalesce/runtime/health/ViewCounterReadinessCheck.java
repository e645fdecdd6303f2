package io.github.coalesce.runtime.health;

import static io.github.coalesce.runtime.Durations.readable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterStats;
import io.github.coalesce.runtime.views.ViewCounters;

/**
 * DOWN while a view counter cannot keep up with writing: a view pending for longer than
 * {@code quarkus.coalesce.health.max-pending-age}, or {@code max-failed-flushes} flushes in a row that left chunks
 * unwritten. The details name each counter with its oldest pending age and failed flushes, so the cause is readable
 * from {@code /q/health/ready} alone. Registered only when SmallRye Health is present.
 * <p>
 * Internal: not part of the public API.
 */
@Readiness
@ApplicationScoped
public class ViewCounterReadinessCheck implements HealthCheck {

    static final String NAME = "quarkus-coalesce view counters";

    @Inject
    ViewCounters counters;

    @Inject
    CoalesceHealthConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        // Sorted, so the details read the same on every call.
        Map<String, ViewCounter> byName = new TreeMap<>(counters.all());
        byName.forEach((name, counter) -> {
            ViewCounterStats stats = counter.stats();
            Duration age = stats.oldestPendingAge();
            int failedFlushes = stats.failedFlushesInARow();
            response.withData(name + ".oldest-pending-age", readable(age));
            response.withData(name + ".failed-flushes-in-a-row", failedFlushes);
            response.withData(name + ".pending-ids", stats.pendingIds());
            List<String> problems = new ArrayList<>();
            if (age.compareTo(config.maxPendingAge()) > 0) {
                problems.add("views pending for " + readable(age) + ", longer than quarkus.coalesce.health"
                        + ".max-pending-age=" + readable(config.maxPendingAge()) + ": the database is not taking them");
            }
            if (failedFlushes >= config.maxFailedFlushes()) {
                problems.add("the last " + failedFlushes + " flushes failed (quarkus.coalesce.health"
                        + ".max-failed-flushes=" + config.maxFailedFlushes() + ")");
            }
            if (!problems.isEmpty()) {
                response.down().withData(name + ".problem", String.join("; ", problems));
            }
        });
        return response.build();
    }
}
