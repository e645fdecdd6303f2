package io.github.coalesce;

/**
 * Told what happens to flights, for metrics and diagnostics. Called on the caller's or the leader's thread: keep it
 * cheap and never throw.
 */
public interface FlightObserver {

    /** Observes nothing. */
    FlightObserver NONE = new FlightObserver() {
        @Override
        public boolean timesExecutions() {
            return false;
        }
    };

    /**
     * Whether the flights it watches read the clock: {@link #onComplete} then gets the execution's duration, and
     * {@link Coalescer#snapshot()} their ages. Reading the clock is a measurable part of an uncontended call, so an
     * observer that ignores {@code nanos} returns {@code false} and gets {@code -1} (a flight with a max-age reads it
     * anyway).
     *
     * @return whether {@code onComplete} gets the execution's duration and snapshots the flight's age
     */
    default boolean timesExecutions() {
        return true;
    }

    /**
     * A caller found no flight for its key and started one.
     *
     * @param key the flight's key
     */
    default void onLead(Object key) {
    }

    /**
     * A caller joined the running flight for its key.
     *
     * @param key the flight's key
     */
    default void onJoin(Object key) {
    }

    /**
     * A flight finished.
     *
     * @param key the flight's key
     * @param callers how many callers the execution served (the leader plus its followers)
     * @param nanos how long the execution took, or {@code -1} when {@link #timesExecutions()} is {@code false}
     * @param failure the exception it ended with, or {@code null}
     */
    default void onComplete(Object key, int callers, long nanos, Throwable failure) {
    }

    /**
     * A follower gave up waiting after its maximum wait.
     *
     * @param key the flight's key
     */
    default void onMaxWait(Object key) {
    }

    /**
     * A flight older than the maximum age was detached as stuck.
     *
     * @param key the flight's key
     * @param ageNanos how long it had been running
     */
    default void onDetach(Object key, long ageNanos) {
    }
}
