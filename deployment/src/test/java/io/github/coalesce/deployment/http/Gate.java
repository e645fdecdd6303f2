package io.github.coalesce.deployment.http;

import java.util.concurrent.TimeUnit;

import io.github.coalesce.runtime.http.HttpCollapsing;
import io.github.coalesce.runtime.http.RequestFlights;

/**
 * Holds a leader until the expected followers are parked on its flight, so that a test knows every request of a
 * burst joined (bounded: after the timeout the leader goes on and the test's assertions say what happened).
 */
final class Gate {

    private Gate() {
    }

    static void awaitWaiting(HttpCollapsing collapsing, String path, int followers) {
        awaitWaiting(collapsing, path, null, followers);
    }

    /**
     * @param principal counts only the flights of this identity scope ({@code ""} anonymous), or all when null: a
     *        leader that waits for its own followers cannot miss them because another flight ended first
     */
    static void awaitWaiting(HttpCollapsing collapsing, String path, String principal, int followers) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            int waiting = collapsing.flights().running().stream().filter(f -> f.key().path().equals(path)
                    && (principal == null || principal.equals(f.key().principal())))
                    .mapToInt(RequestFlights.Flight::waiting).sum();
            if (waiting >= followers) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
