package io.github.coalesce.runtime.dev;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.github.coalesce.runtime.cluster.ClusterFlights;
import io.github.coalesce.runtime.cluster.ClusterSettings;
import io.github.coalesce.runtime.cluster.ClusterStats;
import io.github.coalesce.runtime.cluster.ClusterTier;

/**
 * The Dev UI's live view of the cluster tier (dev mode only): whether this instance shares executions through Redis
 * (and why not, when it does not), the subscription and breaker, the leases it holds or waits on now, and the
 * counters per cluster-scoped group. Lease rows show the key's hash, never the key or principal.
 * <p>
 * Internal: not part of the public API.
 */
public class ClusterJsonRpcService {

    /** Absent when the build found no cluster-scoped method. */
    @Inject
    Instance<ClusterTier> tier;

    /** @return mode, the reason for local-only, subscription, breaker and the settings in force */
    public Map<String, Object> getClusterState() {
        Map<String, Object> state = new LinkedHashMap<>();
        ClusterFlights flights = flights();
        if (flights == null) {
            state.put("mode", "local-only");
            state.put("reason", tier.isResolvable() ? tier.get().localOnlyReason()
                    : "no @Coalesce(scope = CLUSTER) method");
            return state;
        }
        ClusterSettings settings = flights.settings();
        state.put("mode", flights.connected() && !flights.breakerOpen() ? "cluster" : "cluster (degraded)");
        state.put("subscriptionConnected", flights.connected());
        state.put("breakerOpen", flights.breakerOpen());
        state.put("keyPrefix", settings.keyPrefix());
        state.put("channel", settings.channel());
        state.put("leaseTtl", settings.leaseTtl().toString());
        state.put("pollInterval", settings.pollInterval().toString());
        state.put("resultTtl", settings.resultTtl().toString());
        state.put("redisTimeout", settings.redisTimeout().toString());
        return state;
    }

    /** @return the leases this instance holds or waits on now: group, key hash, role, age */
    public List<Map<String, Object>> getLeases() {
        List<Map<String, Object>> rows = new ArrayList<>();
        ClusterFlights flights = flights();
        if (flights != null) {
            long now = System.currentTimeMillis();
            for (ClusterFlights.LeaseView lease : flights.leases()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("group", lease.group());
                row.put("hash", lease.hash());
                row.put("role", lease.role());
                row.put("ageMillis", now - lease.sinceMillis());
                rows.add(row);
            }
        }
        return rows;
    }

    /** @return the cluster-tier counters of every cluster-scoped group, by group name */
    public List<Map<String, Object>> getClusterGroups() {
        List<Map<String, Object>> rows = new ArrayList<>();
        ClusterFlights flights = flights();
        if (flights != null) {
            new TreeMap<>(flights.stats()).forEach((group, stats) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("group", group);
                row.put("acquires", stats.acquires());
                row.put("leaders", stats.leaders());
                row.put("remoteJoins", stats.remoteJoins());
                row.put("viaPubSub", stats.viaPubSub());
                row.put("viaPoll", stats.viaPoll());
                row.put("stored", stats.stored());
                row.put("reElections", stats.reElections());
                row.put("leaseLost", stats.leaseLost());
                row.put("remoteFailures", stats.remoteFailures());
                Map<String, Long> fallbacks = new TreeMap<>();
                for (ClusterStats.Fallback reason : ClusterStats.Fallback.values()) {
                    if (stats.fallbacks(reason) > 0) {
                        fallbacks.put(reason.tag(), stats.fallbacks(reason));
                    }
                }
                row.put("fallbacks", fallbacks.toString());
                rows.add(row);
            });
        }
        return rows;
    }

    /** @return the engine, or {@code null} while cluster-scoped methods run local-only or there are none */
    private ClusterFlights flights() {
        return tier.isResolvable() ? tier.get().flights() : null;
    }
}
