package io.github.coalesce.runtime.cluster;

import java.util.concurrent.CompletableFuture;

/**
 * One decision of {@link ClusterFlights} under way, through its acquires and waits.
 *
 * @param key the flight
 * @param token the lease token this decision's acquires send
 * @param stats the group's counters
 * @param startNanos when it began asking
 * @param maxWaitNanos the longest it waits on another instance's lease, or -1 for no limit
 * @param decision completed once decided
 */
record Asking(ClusterKey key, String token, ClusterStats stats, long startNanos, long maxWaitNanos,
        CompletableFuture<Decision> decision) {

    /**
     * @return the rest of its {@code max-wait} in ns (never below 0), or {@link Long#MAX_VALUE} for none. In ns, not
     *         ms: a rest rounded down to 0 ms would re-decide up to 1 ms before {@code max-wait}
     */
    long remainingNanos() {
        return maxWaitNanos < 0 ? Long.MAX_VALUE : Math.max(0, maxWaitNanos - (System.nanoTime() - startNanos));
    }
}
