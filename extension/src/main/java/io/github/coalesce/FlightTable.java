package io.github.coalesce;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running flights by key: who joins, who leads, and which stuck flight is detached. The map is only ever touched
 * with {@code putIfAbsent}/{@code remove(key, flight)}: no map lock is held while user code runs, so a slow or
 * re-entrant call cannot block other keys or deadlock. The protocol is described on {@link Flight}.
 */
final class FlightTable {

    /**
     * Sized for far more flights than usually run: a map of a few entries keeps its whole bin array in one or two
     * cache lines, so that callers on different cores with different keys write the same line on every insert and
     * removal (false sharing, which a profile of two threads on distinct keys showed as most of their time). Spread
     * over a larger array, two flights rarely share a line.
     */
    private final ConcurrentHashMap<Object, Flight> flights = new ConcurrentHashMap<>(256);

    /**
     * Joins the running flight for {@code key}, or registers a new one for the caller to lead (then
     * {@link #leads} is true for it). Only {@code putIfAbsent} and compare-and-set: the call itself runs after this
     * returns.
     *
     * @param uni whether a new flight is led by subscribing to a {@code Uni} (only such a flight can be cancelled)
     * @throws IllegalStateException when this thread is running the flight for {@code key} (re-entrance)
     */
    Flight take(Object key, FlightOptions options, boolean uni) {
        while (true) {
            Flight flight = current(key, options);
            if (flight == null) {
                // The clock is read only when the flight's age can matter: a max-age, or an observer that times
                // executions (which also makes snapshots show ages). Otherwise the read would be a good part of an
                // uncontended call.
                boolean clocked = options.maxAge() != null || options.observer().timesExecutions();
                Flight mine = uni ? new UniFlight(key, options.observer(), clocked)
                        : new Flight(key, options.observer(), clocked);
                if (flights.putIfAbsent(key, mine) == null) {
                    options.observer().onLead(key);
                    return mine;
                }
            } else {
                if (flight.leader == Thread.currentThread()) {
                    throw new IllegalStateException("Re-entrant coalesced call with key " + key
                            + ": this thread is running the flight for that key and would wait for itself");
                }
                if (flight.tryJoin()) {
                    return flight;
                }
            }
        }
    }

    /**
     * Whether the caller of {@link #take} leads the flight it got. A new flight's leader is the thread that created
     * it, and {@code take} never hands a thread a flight it leads otherwise (that is re-entrance, which throws): no
     * object is needed to carry the answer.
     */
    static boolean leads(Flight flight) {
        return flight.leader == Thread.currentThread();
    }

    /** The running flight for {@code key}, after detaching it if it is older than the maximum age. */
    private Flight current(Object key, FlightOptions options) {
        Flight flight = flights.get(key);
        if (flight != null && options.maxAge() != null) {
            long age = System.nanoTime() - flight.startNanos;
            if (age > options.maxAge().toNanos() && flights.remove(key, flight)) {
                options.observer().onDetach(key, age);
                return null;
            }
        }
        return flight;
    }

    void remove(Object key, Flight flight) {
        flights.remove(key, flight);
    }

    boolean forget(Object key) {
        return flights.remove(key) != null;
    }

    int size() {
        return flights.size();
    }

    int callers(Object key) {
        Flight flight = flights.get(key);
        return flight == null ? 0 : flight.callers();
    }

    List<FlightSnapshot> snapshot() {
        long now = System.nanoTime();
        List<FlightSnapshot> running = new ArrayList<>();
        for (Flight flight : flights.values()) {
            running.add(new FlightSnapshot(flight.key, flight.callers(), flight.participants(),
                    flight.startNanos == Flight.UNCLOCKED ? null : Duration.ofNanos(now - flight.startNanos)));
        }
        running.sort(Comparator.comparing(FlightSnapshot::age, Comparator.nullsFirst(Comparator.naturalOrder()))
                .reversed());
        return running;
    }
}
