package io.github.coalesce;

import java.time.Duration;

/**
 * A running flight as seen at one moment, for dashboards (the Dev UI) and diagnostics.
 *
 * @param key the flight's key (for {@code @Coalesce} methods: the group and the key parameters)
 * @param callers callers served so far: the leader and every follower that joined, including those who left
 * @param waiting callers still waiting for the result (subscribers, for a {@code Uni})
 * @param age how long the execution has been running, or {@code null} when its start was not timed: a flight reads the
 *        clock only when it has a max-age or an observer whose {@link FlightObserver#timesExecutions()} is true
 */
public record FlightSnapshot(Object key, int callers, int waiting, Duration age) {
}
