package io.github.coalesce.runtime.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests in flight per {@link RequestKey}: the engine of request collapsing, plain Java. The first request for
 * a key leads a flight; identical requests arriving while it runs follow it and wait for its {@link Outcome}. The
 * map is touched only with {@code putIfAbsent} and {@code remove(key, flight)}: no lock is held while a resource
 * method runs, and a finished flight is gone before its followers hear of it, so the next request leads anew.
 * <p>
 * Internal: not part of the public API.
 */
public final class RequestFlights {

    private final ConcurrentHashMap<RequestKey, Flight> flights = new ConcurrentHashMap<>();

    /** What a request does: lead a new flight, follow the running one, or run alone (the flight is full). */
    public sealed interface Ticket {
    }

    /** @param flight the flight this request leads and must {@linkplain #finish finish} */
    public record Lead(Flight flight) implements Ticket {
    }

    /** @param flight the flight whose outcome this request waits for */
    public record Follow(Flight flight) implements Ticket {
    }

    /** The flight has {@code max-followers} followers already: run the resource method without it. */
    public record Full() implements Ticket {
    }

    /**
     * Joins the flight running for {@code key}, or registers a new one for the caller to lead.
     *
     * @param key the request key
     * @param mayLead whether this request may start a flight ({@code HEAD} requests only join {@code GET} ones)
     * @param maxFollowers the most followers a flight takes
     * @param maxAge the age after which a flight is detached, or {@code null} for never
     * @return what the request does; {@code null} when it may not lead and no flight runs
     */
    public Ticket join(RequestKey key, boolean mayLead, int maxFollowers, Duration maxAge) {
        while (true) {
            Flight flight = flights.get(key);
            if (flight != null && maxAge != null && flight.age().compareTo(maxAge) > 0) {
                flights.remove(key, flight);
                continue;
            }
            if (flight == null) {
                if (!mayLead) {
                    return null;
                }
                Flight mine = new Flight(key);
                if (flights.putIfAbsent(key, mine) == null) {
                    return new Lead(mine);
                }
                continue;
            }
            switch (flight.tryJoin(maxFollowers)) {
                case JOINED:
                    return new Follow(flight);
                case FULL:
                    return new Full();
                default:
                    // Finished meanwhile: its successor (or none) is in the map now.
            }
        }
    }

    /**
     * Ends a flight: removes it from the map, then tells its followers. Idempotent: only the first outcome counts.
     *
     * @param flight the flight the caller leads
     * @param outcome what the followers receive
     */
    public void finish(Flight flight, Outcome outcome) {
        flights.remove(flight.key, flight);
        flight.close();
        flight.outcome.complete(outcome);
    }

    /** @return the number of flights running now */
    public int inFlight() {
        return flights.size();
    }

    /** @return the flights running now, oldest first (a weakly consistent view that takes no lock) */
    public List<Flight> running() {
        List<Flight> running = new ArrayList<>(flights.values());
        running.sort(Comparator.comparing(Flight::age).reversed());
        return running;
    }

    /** One leader's request and the followers waiting for its response. */
    public static final class Flight {

        private static final int CLOSED = -1;

        enum Join {
            JOINED,
            FULL,
            CLOSED
        }

        private final RequestKey key;
        private final long startNanos = System.nanoTime();
        private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        /** Followers that joined; {@link #CLOSED} once the flight takes no more. */
        private final AtomicInteger followers = new AtomicInteger();
        /** Followers still waiting (those that gave up or disconnected have left). */
        private final AtomicInteger waiting = new AtomicInteger();

        Flight(RequestKey key) {
            this.key = key;
        }

        Join tryJoin(int maxFollowers) {
            while (true) {
                int now = followers.get();
                if (now == CLOSED) {
                    return Join.CLOSED;
                }
                if (now >= maxFollowers) {
                    return Join.FULL;
                }
                if (followers.compareAndSet(now, now + 1)) {
                    waiting.incrementAndGet();
                    return Join.JOINED;
                }
            }
        }

        void close() {
            int last = followers.getAndSet(CLOSED);
            if (last != CLOSED) {
                closedWith = last;
            }
        }

        private volatile int closedWith;

        /** @return the key of this flight */
        public RequestKey key() {
            return key;
        }

        /** @return how long the flight has been running */
        public Duration age() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }

        /** @return the followers that joined so far */
        public int followers() {
            int now = followers.get();
            return now == CLOSED ? closedWith : now;
        }

        /** @return the followers still waiting for the outcome */
        public int waiting() {
            return waiting.get();
        }

        /** @return the outcome, completed once by the leader's {@link RequestFlights#finish} */
        public CompletableFuture<Outcome> outcome() {
            return outcome;
        }

        /** A follower stopped waiting (it was answered, gave up, or its client went away). */
        public void left() {
            waiting.decrementAndGet();
        }
    }
}
