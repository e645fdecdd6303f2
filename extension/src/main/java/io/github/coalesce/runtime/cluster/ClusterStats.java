package io.github.coalesce.runtime.cluster;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Cluster-tier counters of one flight group (never per key). Plain counters: the meters read them.
 * <p>
 * Internal: not part of the public API.
 */
public final class ClusterStats {

    /** Why a flight ran local-only instead of through Redis. */
    public enum Fallback {
        /** A Redis call failed or timed out. */
        REDIS_ERROR,
        /** Redis was skipped: too many failures in a row. */
        BREAKER_OPEN,
        /** The leader's result was larger than {@code max-result-size}, so it was not stored. */
        RESULT_TOO_LARGE,
        /** The leader's result could not be read back. */
        UNREADABLE_RESULT,
        /** A lease was still held after the method's {@code max-wait}: this instance ran the call itself. */
        MAX_WAIT,
        /** The key has no canonical form, so no shared hash (see {@code ClusterKeys}). */
        UNWRITABLE_KEY;

        /** @return the tag value, e.g. {@code redis-error} */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final String group;
    private final LongAdder acquires = new LongAdder();
    private final LongAdder rechecks = new LongAdder();
    private final LongAdder leaders = new LongAdder();
    private final LongAdder remoteJoins = new LongAdder();
    private final LongAdder viaPubSub = new LongAdder();
    private final LongAdder viaPoll = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder reElections = new LongAdder();
    private final LongAdder leaseLost = new LongAdder();
    private final LongAdder remoteFailures = new LongAdder();
    private final Map<Fallback, LongAdder> fallbacks = new EnumMap<>(Fallback.class);
    private volatile LongConsumer redisLatency = nanos -> {
    };

    ClusterStats(String group) {
        this.group = group;
        for (Fallback reason : Fallback.values()) {
            fallbacks.put(reason, new LongAdder());
        }
    }

    /** @return the flight group */
    public String group() {
        return group;
    }

    /** @return flights that entered the cluster tier: one acquire per local leader, however many callers wait */
    public long acquires() {
        return acquires.sum();
    }

    /** @return acquire scripts run again by a waiting leader, after a notice or its poll timer */
    public long rechecks() {
        return rechecks.sum();
    }

    /** @return flights this instance led for the cluster */
    public long leaders() {
        return leaders.sum();
    }

    /** @return flights answered by another instance's execution */
    public long remoteJoins() {
        return remoteJoins.sum();
    }

    /** @return remote results picked up after a pub/sub notice */
    public long viaPubSub() {
        return viaPubSub.sum();
    }

    /** @return remote results picked up after the poll timer fired */
    public long viaPoll() {
        return viaPoll.sum();
    }

    /** @return remote results found stored at the first ask: the leader had finished, nobody waited */
    public long stored() {
        return stored.sum();
    }

    /** @return leases taken after waiting for another leader that never stored a result (e.g. it died) */
    public long reElections() {
        return reElections.sum();
    }

    /** @return leader executions whose lease had passed to another instance by the time they completed */
    public long leaseLost() {
        return leaseLost.sum();
    }

    /** @return flights answered with another instance's failure */
    public long remoteFailures() {
        return remoteFailures.sum();
    }

    /**
     * @param reason why
     * @return flights that ran local-only for that reason
     */
    public long fallbacks(Fallback reason) {
        return fallbacks.get(reason).sum();
    }

    /** @param observer receives the duration of each Redis call of this group, in nanoseconds */
    public void observeRedisLatency(LongConsumer observer) {
        redisLatency = observer;
    }

    void onAcquire(boolean first, long nanos) {
        (first ? acquires : rechecks).increment();
        redisLatency.accept(nanos);
    }

    void onRedisCall(long nanos) {
        redisLatency.accept(nanos);
    }

    void onLeader() {
        leaders.increment();
    }

    /**
     * @param waited whether the follower waited (else the first acquire found the result stored)
     * @param afterNotice whether what ended the wait was the notice (else the poll timer)
     */
    void onRemoteResult(boolean waited, boolean afterNotice) {
        remoteJoins.increment();
        (!waited ? stored : afterNotice ? viaPubSub : viaPoll).increment();
    }

    void onRemoteFailure() {
        remoteFailures.increment();
    }

    void onReElection() {
        reElections.increment();
    }

    void onLeaseLost() {
        leaseLost.increment();
    }

    void onFallback(Fallback reason) {
        fallbacks.get(reason).increment();
    }
}
