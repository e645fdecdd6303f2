package io.github.coalesce.runtime.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Always UP: with Redis unreachable, cluster-scoped calls run local-only and the application keeps working, so taking
 * it out of the load balancer would only make things worse. The data says how coalescing is degraded: mode
 * ({@code cluster} / {@code local-only}), whether the notice subscription is connected and whether the breaker skips
 * Redis. Registered only when SmallRye Health and cluster-scoped methods are present.
 * <p>
 * Internal: not part of the public API.
 */
@Readiness
@ApplicationScoped
public class ClusterReadinessCheck implements HealthCheck {

    static final String NAME = "quarkus-coalesce cluster";

    @Inject
    ClusterTier tier;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        ClusterFlights flights = tier.flights();
        if (flights == null) {
            return response.withData("mode", "local-only").withData("reason", String.valueOf(tier.localOnlyReason()))
                    .build();
        }
        boolean degraded = !flights.connected() || flights.breakerOpen();
        return response.withData("mode", degraded ? "cluster (degraded)" : "cluster")
                .withData("redis.subscription-connected", flights.connected())
                .withData("redis.breaker-open", flights.breakerOpen())
                .withData("leases", flights.leases().size())
                .build();
    }
}
