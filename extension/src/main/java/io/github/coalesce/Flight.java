package io.github.coalesce;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * One execution and the callers sharing it. It is itself the future of the shared outcome: with the map node, one
 * object per flight, where a separate future would add another.
 * <p>
 * <b>The flight protocol</b>, which every form (synchronous, {@code CompletionStage}, {@code Uni}) follows:
 * <ol>
 * <li>A caller that finds no flight for its key creates one and registers it with {@code putIfAbsent}; if that wins,
 * it is the leader and runs the call after the registration, holding no lock ({@link FlightTable#take}).</li>
 * <li>A caller that finds a flight joins it by raising its <em>participants</em> count with a compare-and-set
 * ({@link #tryJoin}). It can only join while participants is positive: once the flight is <em>CLOSED</em> (negative)
 * or left by everyone (0), it retries and starts or joins the next flight.</li>
 * <li>When the call ends the leader <em>removes the flight from the map before completing it</em> ({@link #settle}),
 * then closes it: a caller arriving after the outcome exists finds no flight and starts a new execution (nothing is
 * cached), and a caller that joined before the close gets the outcome, so no one joins a flight that already ended.</li>
 * <li>Only a {@code Uni} subscriber can leave before the end (cancellation); the last one to leave removes the flight,
 * cancels the upstream subscription and fails the flight with a {@link CancellationException} ({@link #leave}).</li>
 * </ol>
 * Participants and the number of callers served are one {@code long} (callers in the high half), so that closing the
 * flight reads the final number of callers in the same atomic step that stops further joins.
 */
class Flight extends CompletableFuture<Object> {

    /** Participants half of {@link #state} once a flight no longer accepts followers. */
    static final int CLOSED = -1;

    private static final long ONE_CALLER_ONE_PARTICIPANT = (1L << 32) | 1L;
    static final long UNCLOCKED = Long.MIN_VALUE;

    // A field updater rather than an AtomicLong: one object fewer per flight.
    private static final AtomicLongFieldUpdater<Flight> STATE = AtomicLongFieldUpdater.newUpdater(Flight.class,
            "state");
    private static final VarHandle LEADER;

    static {
        try {
            LEADER = MethodHandles.lookup().findVarHandle(Flight.class, "leader", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Object key;
    final FlightObserver observer;
    /** {@link #UNCLOCKED} unless the flight's age can matter (see {@link FlightTable#take}): a clock read is not free. */
    final long startNanos;
    /**
     * High 32 bits: callers served so far, including those who left (the fan-in). Low 32 bits: participants, the
     * callers still interested (subscribers for a Uni), or {@link #CLOSED} once no one may join.
     */
    private volatile long state;
    /** The thread running the call while it runs on the caller's thread, to detect re-entrance. */
    volatile Thread leader;

    /**
     * The volatile fields are first written with release stores, not volatile ones (each of which costs a full fence
     * on the uncontended path): the flight reaches other threads only through the map's compare-and-set, which
     * publishes these writes, and a stale {@link #leader} read elsewhere is never the reader's own thread.
     */
    Flight(Object key, FlightObserver observer, boolean clocked) {
        this.key = key;
        this.observer = observer;
        this.startNanos = clocked ? System.nanoTime() : UNCLOCKED;
        STATE.lazySet(this, ONE_CALLER_ONE_PARTICIPANT);
        LEADER.setRelease(this, Thread.currentThread());
    }

    /** The leader's call has returned (or, for a stage or Uni, started): calls on its thread are no longer re-entrant. */
    void leaderReturned() {
        LEADER.setRelease(this, null);
    }

    /** @return callers still waiting for the outcome, 0 once the flight is closed */
    int participants() {
        return Math.max(0, (int) state);
    }

    /**
     * @return callers the execution served: the leader plus every follower that joined, including those that later
     *         stopped waiting; final once the flight is complete
     */
    int callers() {
        return (int) (state >>> 32);
    }

    /** @return whether the caller joined; {@code false} when the flight is closed or left by everyone */
    boolean tryJoin() {
        while (true) {
            long now = state;
            if ((int) now <= 0) {
                return false;
            }
            if (STATE.compareAndSet(this, now, now + ONE_CALLER_ONE_PARTICIPANT)) {
                observer.onJoin(key);
                return true;
            }
        }
    }

    /** Removes the flight, closes it, then completes it: a caller arriving after this starts a new flight. */
    void settle(FlightTable table, Object value, Throwable failure) {
        table.remove(key, this);
        leaderReturned();
        int callers = close();
        observer.onComplete(key, callers,
                startNanos != UNCLOCKED && observer.timesExecutions() ? System.nanoTime() - startNanos : -1, failure);
        if (failure == null) {
            complete(value);
        } else {
            completeExceptionally(failure);
        }
    }

    private int close() {
        while (true) {
            long now = state;
            if (STATE.compareAndSet(this, now, (now & 0xFFFF_FFFF_0000_0000L) | (CLOSED & 0xFFFF_FFFFL))) {
                return (int) (now >>> 32);
            }
        }
    }

    /**
     * A Uni subscriber cancelled; the last one to leave ends the flight. Only a {@link UniFlight} can be left by
     * everyone: the leader of a synchronous or asynchronous flight never leaves. Leaving a closed flight only lowers
     * the negative participants half, which never reaches 0 again.
     */
    void leave(FlightTable table) {
        if ((int) STATE.decrementAndGet(this) != 0) {
            return;
        }
        table.remove(key, this);
        cancelUpstream();
        completeExceptionally(new CancellationException("every subscriber cancelled"));
    }

    void cancelUpstream() {
    }
}
