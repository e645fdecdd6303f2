package io.github.coalesce.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import org.jboss.logging.Logger;

import io.github.coalesce.FlightGroup;
import io.github.coalesce.FlightObserver;
import io.quarkus.runtime.LaunchMode;

/**
 * Counters of one flight group, fed by the engine through {@link FlightObserver}: how many calls there were, how
 * many executions served them, and what went wrong. Cheap enough for every call (striped adders, no locks). The
 * application sees it as the read-only {@link FlightGroup}.
 * <p>
 * Internal: not part of the public API.
 */
public class CoalesceStats implements FlightObserver, FlightGroup {

    private static final Logger LOG = Logger.getLogger(CoalesceStats.class);
    private static final LongConsumer IGNORE = callers -> {
    };

    private final String group;
    private final LongAdder calls = new LongAdder();
    private final LongAdder executions = new LongAdder();
    private final LongAdder led = new LongAdder();
    /** Set for a cluster-scoped group: a local leader answered by another instance executed nothing here. */
    private volatile boolean executionsCountedByClusterTier;
    private final LongAdder joined = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder maxWaitTimeouts = new LongAdder();
    private final LongAdder detached = new LongAdder();
    private final AtomicLong maxFanIn = new AtomicLong();
    /** Where the fan-in of each execution goes besides the max (a Micrometer distribution, when present). */
    private volatile LongConsumer fanIn = IGNORE;

    private final boolean devMode = LaunchMode.current() == LaunchMode.DEVELOPMENT;

    /** @param group the flight group's name */
    public CoalesceStats(String group) {
        this.group = group;
    }

    @Override
    public void onLead(Object key) {
        calls.increment();
        led.increment();
        if (!executionsCountedByClusterTier) {
            executions.increment();
        }
    }

    /** From now on executions are counted by {@link #onClusterExecution()}, when this instance runs the method. */
    public void countExecutionsInClusterTier() {
        executionsCountedByClusterTier = true;
    }

    /** The cluster tier ran the method here (this instance led, or Redis was away). */
    public void onClusterExecution() {
        executions.increment();
    }

    @Override
    public void onJoin(Object key) {
        calls.increment();
        joined.increment();
    }

    /**
     * The fan-in and failures are all it keeps: no clock read per flight, except in dev mode, where the Dev UI shows
     * each running flight's age.
     */
    @Override
    public boolean timesExecutions() {
        return devMode;
    }

    @Override
    public void onComplete(Object key, int callers, long nanos, Throwable failure) {
        completed.increment();
        if (failure != null) {
            failures.increment();
        }
        maxFanIn.accumulateAndGet(callers, Math::max);
        fanIn.accept(callers);
    }

    @Override
    public void onMaxWait(Object key) {
        maxWaitTimeouts.increment();
    }

    @Override
    public void onDetach(Object key, long ageNanos) {
        detached.increment();
        // Rare by design, and a sign of a hung dependency: worth a line each time.
        LOG.warnf("@Coalesce: the flight %s ran %d ms, longer than its max age, and was detached as stuck;"
                + " new callers start a new execution", key, ageNanos / 1_000_000);
    }

    /**
     * Sends the number of callers of every finished execution to {@code sink} (one sink; the last one set wins).
     *
     * @param sink told the fan-in of each finished execution
     */
    public void observeFanIn(LongConsumer sink) {
        fanIn = sink;
    }

    /** Counts a call made while coalescing is disabled: it executes on its own. */
    void onUncoalescedCall() {
        calls.increment();
        executions.increment();
        completed.increment();
    }

    @Override
    public String name() {
        return group;
    }

    /** @return calls made, leaders and followers alike */
    @Override
    public long calls() {
        return calls.sum();
    }

    /** @return executions of the method: one per flight */
    @Override
    public long executions() {
        return executions.sum();
    }

    /** @return calls that joined a running flight instead of executing */
    @Override
    public long joined() {
        return joined.sum();
    }

    /** @return executions that ended with an exception */
    @Override
    public long failures() {
        return failures.sum();
    }

    /** @return followers that gave up after their maximum wait */
    @Override
    public long maxWaitTimeouts() {
        return maxWaitTimeouts.sum();
    }

    /** @return flights detached as stuck after their maximum age */
    @Override
    public long detached() {
        return detached.sum();
    }

    /** @return flights started and not yet finished */
    @Override
    public long inFlight() {
        return Math.max(0, led.sum() - completed.sum());
    }

    /** @return the most callers one execution has served */
    @Override
    public long maxFanIn() {
        return maxFanIn.get();
    }
}
