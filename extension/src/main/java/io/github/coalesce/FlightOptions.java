package io.github.coalesce;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Coalescer} treats one call: how long a follower may wait, what it does after that, when a flight
 * counts as stuck, and who is told what happened.
 *
 * @param maxWait the longest a follower waits for the leader; {@code null} waits as long as the flight runs
 * @param runOnMaxWait {@code true}: a follower that waited {@code maxWait} runs the call itself;
 *        {@code false}: it fails with {@link CoalesceTimeoutException}
 * @param maxAge a flight older than this is detached so that new callers start a new one; {@code null}: never
 * @param observer told about leads, joins, completions, timeouts and detachments (metrics)
 */
public record FlightOptions(Duration maxWait, boolean runOnMaxWait, Duration maxAge, FlightObserver observer) {

    /** Wait as long as the leader runs, never detach, observe nothing. */
    public static final FlightOptions DEFAULTS = new FlightOptions(null, false, null, FlightObserver.NONE);

    /** Checks that the durations are not negative and that there is an observer. */
    public FlightOptions {
        requireNonNegative(maxWait, "maxWait");
        requireNonNegative(maxAge, "maxAge");
        Objects.requireNonNull(observer, "observer");
    }

    /**
     * @param maxWait the longest a follower waits, or {@code null}
     * @param runOnMaxWait whether a follower past its maximum wait runs the call itself (else it fails)
     * @return these options with that maximum wait
     */
    public FlightOptions withMaxWait(Duration maxWait, boolean runOnMaxWait) {
        return new FlightOptions(maxWait, runOnMaxWait, maxAge, observer);
    }

    /**
     * @param maxAge the age after which a flight is detached, or {@code null}
     * @return these options with that maximum age
     */
    public FlightOptions withMaxAge(Duration maxAge) {
        return new FlightOptions(maxWait, runOnMaxWait, maxAge, observer);
    }

    /**
     * @param observer told what happens to the flights
     * @return these options with that observer
     */
    public FlightOptions withObserver(FlightObserver observer) {
        return new FlightOptions(maxWait, runOnMaxWait, maxAge, observer);
    }

    private static void requireNonNegative(Duration d, String name) {
        if (d != null && d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
