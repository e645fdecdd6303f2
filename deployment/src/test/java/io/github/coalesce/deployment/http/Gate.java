package io.github.coalesce.deployment.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.coalesce.runtime.http.HttpCollapsing;
import io.github.coalesce.runtime.http.RequestFlights;

/**
 * Holds a leader until the expected followers are parked on its flight, so that a test knows every request of a
 * burst joined. Bounded: after {@link #TIMEOUT} the leader fails (its response is a 500) and the miss is kept, naming
 * the path and how many followers arrived, for {@link Burst} to fail the test with; a gate that silently went on
 * would let a burst that never joined pass as one that did.
 */
final class Gate {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Queue<String> MISSED = new ConcurrentLinkedQueue<>();

    private Gate() {
    }

    static void awaitWaiting(HttpCollapsing collapsing, String path, int followers) {
        awaitWaiting(collapsing, path, null, followers);
    }

    /**
     * @param principal counts only the flights of this identity scope ({@code ""} anonymous), or all when null: a
     *        leader that waits for its own followers cannot miss them because another flight ended first
     * @throws IllegalStateException when fewer than {@code followers} were parked within {@link #TIMEOUT}
     */
    static void awaitWaiting(HttpCollapsing collapsing, String path, String principal, int followers) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        // The most seen at once: followers that gave up (max-wait) leave, so the last count may say less.
        int most = 0;
        while (System.nanoTime() < deadline) {
            int waiting = collapsing.flights().running().stream().filter(f -> f.key().path().equals(path)
                    && (principal == null || principal.equals(f.key().principal())))
                    .mapToInt(RequestFlights.Flight::waiting).sum();
            if (waiting >= followers) {
                return;
            }
            most = Math.max(most, waiting);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw missed(path, principal, followers, most, "before the leader was interrupted");
            }
        }
        throw missed(path, principal, followers, most, "within " + TIMEOUT);
    }

    private static IllegalStateException missed(String path, String principal, int followers, int most,
            String when) {
        String miss = String.format("gate on %s%s: at most %d of %d followers parked at once %s", path,
                principal == null ? "" : " (principal '" + principal + "')", most, followers, when);
        MISSED.add(miss);
        return new IllegalStateException(miss);
    }

    /** Fails with every gate missed since the last call, and forgets them. */
    static void assertNoneMissed() {
        List<String> missed = new ArrayList<>();
        for (String miss = MISSED.poll(); miss != null; miss = MISSED.poll()) {
            missed.add(miss);
        }
        if (!missed.isEmpty()) {
            throw new AssertionError(String.join("; ", missed));
        }
    }
}
