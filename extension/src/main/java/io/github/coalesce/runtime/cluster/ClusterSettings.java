package io.github.coalesce.runtime.cluster;

import java.time.Duration;

/**
 * The settings of the cluster tier, from {@code quarkus.coalesce.cluster.*} (or built directly in tests).
 * <p>
 * Internal: not part of the public API.
 *
 * @param keyPrefix prefix of every Redis key and of the notice channel
 * @param leaseTtl how long a lease lives without renewal
 * @param pollInterval the longest a follower waits for a notice before asking Redis again
 * @param resultTtl how long a result stays in Redis for followers to pick up
 * @param redisTimeout how long one Redis call may take before the flight falls back to local
 * @param maxResultSize the largest serialized result stored, in bytes
 * @param failOpen whether a Redis failure runs the call local-only ({@code true}) or fails it
 * @param breakerFailures Redis failures in a row that open the breaker
 * @param breakerCoolDown how long an open breaker skips Redis
 */
public record ClusterSettings(String keyPrefix, Duration leaseTtl, Duration pollInterval, Duration resultTtl,
        Duration redisTimeout, long maxResultSize, boolean failOpen, int breakerFailures, Duration breakerCoolDown) {

    /**
     * @param keyPrefix prefix of every key
     * @return the documented defaults, with the given key prefix
     */
    public static ClusterSettings defaults(String keyPrefix) {
        return new ClusterSettings(keyPrefix, Duration.ofSeconds(5), Duration.ofMillis(250), Duration.ofSeconds(2),
                Duration.ofMillis(250), 1 << 20, true, 5, Duration.ofSeconds(5));
    }

    /** @return the channel all notices of this prefix go to: one subscription per instance */
    public String channel() {
        return keyPrefix + "notices";
    }
}
