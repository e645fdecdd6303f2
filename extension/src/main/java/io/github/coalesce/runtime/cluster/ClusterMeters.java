package io.github.coalesce.runtime.cluster;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The cluster tier's meters ({@code coalesce.cluster.*{method=<group>}}, never per key), as function counters over
 * the counters it keeps anyway. A bean only when the application has Micrometer and the Redis client.
 * <p>
 * Internal: not part of the public API.
 */
@Singleton
public class ClusterMeters {

    private static final String RESULTS = "Remote results picked up: via pubsub or poll, what woke a waiting follower;"
            + " via stored, found at the first ask";

    @Inject
    MeterRegistry registry;

    void register(ClusterFlights flights) {
        Gauge.builder("coalesce.cluster.pubsub.connected", flights, f -> f.connected() ? 1 : 0)
                .description("1 while this instance's notice subscription is acknowledged and open")
                .register(registry);
        Gauge.builder("coalesce.cluster.breaker.open", flights, f -> f.breakerOpen() ? 1 : 0)
                .description("1 while Redis is skipped after failures in a row").register(registry);
        flights.stats().values().forEach(this::register);
    }

    private void register(ClusterStats stats) {
        Tags tags = Tags.of("method", stats.group());
        counter("coalesce.cluster.acquires", "Local leaders that asked Redis (one per flight and instance)", tags,
                stats, ClusterStats::acquires);
        counter("coalesce.cluster.rechecks", "Acquire scripts run again after a notice or the poll timer", tags,
                stats, ClusterStats::rechecks);
        counter("coalesce.cluster.leaders", "Flights this instance led for the cluster", tags, stats,
                ClusterStats::leaders);
        counter("coalesce.cluster.remote.joins", "Flights answered by another instance's execution", tags, stats,
                ClusterStats::remoteJoins);
        counter("coalesce.cluster.results", RESULTS,
                tags.and("via", "pubsub"), stats, ClusterStats::viaPubSub);
        counter("coalesce.cluster.results", RESULTS,
                tags.and("via", "poll"), stats, ClusterStats::viaPoll);
        counter("coalesce.cluster.results", RESULTS,
                tags.and("via", "stored"), stats, ClusterStats::stored);
        counter("coalesce.cluster.reelections", "Leases taken after the previous leader left no result", tags, stats,
                ClusterStats::reElections);
        counter("coalesce.cluster.lease.lost", "Executions whose lease had passed to another instance", tags, stats,
                ClusterStats::leaseLost);
        counter("coalesce.cluster.remote.failures", "Flights answered with another instance's failure", tags, stats,
                ClusterStats::remoteFailures);
        for (ClusterStats.Fallback reason : ClusterStats.Fallback.values()) {
            counter("coalesce.cluster.fallbacks", "Flights that ran local-only, by reason",
                    tags.and("reason", reason.tag()), stats, s -> s.fallbacks(reason));
        }
        Timer latency = Timer.builder("coalesce.cluster.redis.latency").tags(tags)
                .description("Duration of the cluster tier's Redis calls").register(registry);
        stats.observeRedisLatency(nanos -> latency.record(nanos, TimeUnit.NANOSECONDS));
    }

    private void counter(String name, String description, Tags tags, ClusterStats stats,
            ToDoubleFunction<ClusterStats> value) {
        FunctionCounter.builder(name, stats, value).tags(tags).description(description).register(registry);
    }
}
