package io.github.coalesce;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Singleflight: concurrent calls with equal keys share one execution. The first caller for a key (the leader) runs
 * the call; callers that arrive while it runs (followers) wait for it and get the same result or the same exception.
 * When the execution ends the flight is removed, so nothing is cached: the next call runs again.
 * <p>
 * Plain Java, usable without CDI ({@code new Coalescer()}); the extension also provides an application-scoped
 * instance configured from {@code quarkus.coalesce.*}.
 * <p>
 * Keys are exactly what the caller passes: unlike {@code @Coalesce}, which adds the caller's principal when the
 * application has Quarkus Security, this API adds nothing, so a result that depends on who asks needs the user in the
 * key (for example {@code List.of(userName, postId)}).
 * <p>
 * The in-flight map is only ever touched with {@code putIfAbsent}/{@code remove(key, flight)}: no map lock is held
 * while user code runs, so a slow or re-entrant call cannot block other keys or deadlock.
 */
public class Coalescer {

    /** {@link Flight#participants} value once a flight no longer accepts followers. */
    private static final int CLOSED = -1;

    private final ConcurrentHashMap<Object, Flight> flights = new ConcurrentHashMap<>();
    private final FlightOptions defaults;

    /** A coalescer whose followers wait as long as the leader runs and whose flights are never detached. */
    public Coalescer() {
        this(FlightOptions.DEFAULTS);
    }

    /** @param defaults the options of the calls that name none */
    public Coalescer(FlightOptions defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    /** @return the options used by the methods that take none */
    public FlightOptions defaults() {
        return defaults;
    }

    /**
     * Runs {@code call}, or waits for the running call with an equal key, and returns its result.
     *
     * @throws Exception the exception thrown by the shared call, unchanged
     * @throws CoalesceTimeoutException when this caller followed and waited longer than the maximum wait
     * @throws IllegalStateException when called with the key of the flight this thread is leading (re-entrance)
     */
    public <T> T execute(Object key, Callable<T> call) throws Exception {
        return execute(key, defaults, call);
    }

    /** Like {@link #execute(Object, Callable)}, with the given options. */
    @SuppressWarnings("unchecked")
    public <T> T execute(Object key, FlightOptions options, Callable<T> call) throws Exception {
        Objects.requireNonNull(key, "key");
        Flight flight = take(key, options, false);
        return leads(flight) ? lead(flight, call) : (T) await(flight, options, call);
    }

    /**
     * Returns a {@code Uni} that, at subscription, joins the running flight for {@code key} or starts one by
     * subscribing to {@code call.get()}. The upstream work is cancelled only when every subscriber has cancelled.
     */
    public <T> Uni<T> executeUni(Object key, Supplier<Uni<T>> call) {
        return executeUni(key, defaults, call);
    }

    /** Like {@link #executeUni(Object, Supplier)}, with the given options. */
    public <T> Uni<T> executeUni(Object key, FlightOptions options, Supplier<Uni<T>> call) {
        Objects.requireNonNull(key, "key");
        return Uni.createFrom().emitter(emitter -> subscribe(key, options, call, emitter));
    }

    /**
     * Calls {@code call.get()}, or joins the running call with an equal key, and returns a stage that completes with
     * the shared outcome. Each caller gets its own stage: completing it does not affect the others.
     */
    public <T> CompletionStage<T> executeAsync(Object key, Supplier<? extends CompletionStage<T>> call) {
        return executeAsync(key, defaults, call);
    }

    /** Like {@link #executeAsync(Object, Supplier)}, with the given options. */
    @SuppressWarnings("unchecked")
    public <T> CompletionStage<T> executeAsync(Object key, FlightOptions options,
            Supplier<? extends CompletionStage<T>> call) {
        Objects.requireNonNull(key, "key");
        Flight flight;
        try {
            flight = take(key, options, false);
        } catch (IllegalStateException reentrant) {
            return CompletableFuture.failedFuture(reentrant);
        }
        if (leads(flight)) {
            startAsync(flight, call);
            return (CompletionStage<T>) flight.copyOfResult();
        }
        CompletableFuture<T> mineOnly = (CompletableFuture<T>) flight.copyOfResult();
        if (options.maxWait() != null) {
            CompletableFuture.delayedExecutor(options.maxWait().toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
                if (!mineOnly.isDone()) {
                    options.observer().onMaxWait(key);
                    if (options.runOnMaxWait()) {
                        pipe(callAsync(call), mineOnly);
                    } else {
                        mineOnly.completeExceptionally(new CoalesceTimeoutException(key, options.maxWait()));
                    }
                }
            });
        }
        return mineOnly;
    }

    /**
     * Forgets the running flight for {@code key}: later callers start a new flight, while the running one still
     * finishes for the callers that already joined it.
     *
     * @return whether a flight was running
     */
    public boolean forget(Object key) {
        return flights.remove(Objects.requireNonNull(key, "key")) != null;
    }

    /** @return the number of flights running now */
    public int inFlight() {
        return flights.size();
    }

    /** @return the number of callers sharing the running flight for {@code key}, or 0 when none runs */
    public int callers(Object key) {
        Flight flight = flights.get(Objects.requireNonNull(key, "key"));
        return flight == null ? 0 : flight.callers;
    }

    /**
     * @return the flights running now, oldest first: a weakly consistent view (flights starting or ending meanwhile
     *         may or may not appear) that takes no lock and never waits for a call
     */
    public List<FlightSnapshot> snapshot() {
        long now = System.nanoTime();
        List<FlightSnapshot> running = new ArrayList<>();
        for (Flight flight : flights.values()) {
            running.add(new FlightSnapshot(flight.key, flight.callers, Math.max(0, flight.participants),
                    Duration.ofNanos(now - flight.startNanos)));
        }
        running.sort(Comparator.comparing(FlightSnapshot::age).reversed());
        return running;
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

    private <T> T lead(Flight mine, Callable<T> call) throws Exception {
        T value;
        try {
            value = call.call();
        } catch (Throwable failure) {
            mine.settle(flights, null, failure);
            throw rethrowable(failure);
        }
        mine.settle(flights, value, null);
        return value;
    }

    private Object await(Flight flight, FlightOptions options, Callable<?> call) throws Exception {
        try {
            return options.maxWait() == null
                    ? flight.get()
                    : flight.get(options.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw rethrowable(e.getCause());
        } catch (TimeoutException e) {
            options.observer().onMaxWait(flight.key);
            if (options.runOnMaxWait()) {
                return call.call();
            }
            throw new CoalesceTimeoutException(flight.key, options.maxWait());
        }
    }

    private <T> void startAsync(Flight mine, Supplier<? extends CompletionStage<T>> call) {
        CompletionStage<T> stage;
        try {
            stage = callAsync(call);
        } finally {
            mine.leader = null;
        }
        stage.whenComplete((value, failure) -> mine.settle(flights, value, unwrap(failure)));
    }

    private <T> void subscribe(Object key, FlightOptions options, Supplier<Uni<T>> call, UniEmitter<? super T> emitter) {
        Flight flight;
        try {
            flight = take(key, options, true);
        } catch (IllegalStateException reentrant) {
            emitter.fail(reentrant);
            return;
        }
        boolean leads = leads(flight);
        deliver(flight, options, call, emitter, !leads);
        if (leads) {
            startUni((UniFlight) flight, call);
        }
    }

    private <T> void startUni(UniFlight mine, Supplier<Uni<T>> call) {
        Uni<T> upstream;
        try {
            upstream = Objects.requireNonNull(call.get(), "the coalesced call returned a null Uni");
        } catch (Throwable failure) {
            upstream = Uni.createFrom().failure(failure);
        }
        try {
            mine.upstream = upstream.subscribe().with(
                    value -> mine.settle(flights, value, null),
                    failure -> mine.settle(flights, null, failure));
        } finally {
            mine.leader = null;
        }
        if (mine.abandoned) {
            // Every subscriber cancelled before the subscription handle was stored.
            mine.upstream.cancel();
        }
    }

    /** Forwards the flight's outcome to one subscriber and handles that subscriber's cancellation and max wait. */
    @SuppressWarnings("unchecked")
    private <T> void deliver(Flight flight, FlightOptions options, Supplier<Uni<T>> call,
            UniEmitter<? super T> emitter, boolean follower) {
        // Whoever settles this subscriber first wins: the flight's outcome, its max wait, or its cancellation.
        AtomicBoolean settled = new AtomicBoolean();
        emitter.onTermination(() -> {
            // Also runs after complete/fail, but then settled is already set: only a cancellation gets here first.
            if (settled.compareAndSet(false, true)) {
                flight.leave(flights);
            }
        });
        flight.whenComplete((value, failure) -> {
            if (settled.compareAndSet(false, true)) {
                if (failure == null) {
                    emitter.complete((T) value);
                } else {
                    emitter.fail(failure);
                }
            }
        });
        if (follower && options.maxWait() != null) {
            CompletableFuture.delayedExecutor(options.maxWait().toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
                if (settled.compareAndSet(false, true)) {
                    options.observer().onMaxWait(flight.key);
                    flight.leave(flights);
                    if (options.runOnMaxWait()) {
                        Uni<T> own;
                        try {
                            own = call.get();
                        } catch (Throwable failure) {
                            own = Uni.createFrom().failure(failure);
                        }
                        own.subscribe().with(emitter::complete, emitter::fail);
                    } else {
                        emitter.fail(new CoalesceTimeoutException(flight.key, options.maxWait()));
                    }
                }
            });
        }
    }

    /**
     * Joins the running flight for {@code key}, or registers a new one for the caller to lead. Only
     * {@code putIfAbsent} and compare-and-set: no lock is held, and the call itself runs after this returns.
     *
     * @param uni whether a new flight is led by subscribing to a {@code Uni} (only such a flight can be cancelled)
     * @throws IllegalStateException when this thread is running the flight for {@code key} (re-entrance)
     */
    private Flight take(Object key, FlightOptions options, boolean uni) {
        while (true) {
            Flight flight = current(key, options);
            if (flight == null) {
                Flight mine = uni ? new UniFlight(key, options.observer()) : new Flight(key, options.observer());
                if (flights.putIfAbsent(key, mine) == null) {
                    options.observer().onLead(key);
                    return mine;
                }
            } else {
                if (flight.leader == Thread.currentThread()) {
                    throw reentrant(key);
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
    private static boolean leads(Flight flight) {
        return flight.leader == Thread.currentThread();
    }

    private static IllegalStateException reentrant(Object key) {
        return new IllegalStateException("Re-entrant coalesced call with key " + key
                + ": this thread is running the flight for that key and would wait for itself");
    }

    private static <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> call) {
        try {
            CompletionStage<T> stage = call.get();
            return stage != null ? stage
                    : CompletableFuture.failedFuture(
                            new NullPointerException("the coalesced call returned a null CompletionStage"));
        } catch (Throwable failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    private static <T> void pipe(CompletionStage<T> from, CompletableFuture<T> to) {
        from.whenComplete((value, failure) -> {
            if (failure == null) {
                to.complete(value);
            } else {
                to.completeExceptionally(unwrap(failure));
            }
        });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static Exception rethrowable(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof Exception exception) {
            return exception;
        }
        return new UndeclaredThrowableException(failure);
    }

    /**
     * One execution and the callers sharing it. It is itself the future of the shared outcome: with the map node, one
     * object per flight (80 bytes for a synchronous call), where a separate future would add another.
     */
    private static class Flight extends CompletableFuture<Object> {

        // Field updaters rather than AtomicIntegers: two objects fewer per flight.
        private static final AtomicIntegerFieldUpdater<Flight> PARTICIPANTS =
                AtomicIntegerFieldUpdater.newUpdater(Flight.class, "participants");
        private static final AtomicIntegerFieldUpdater<Flight> CALLERS =
                AtomicIntegerFieldUpdater.newUpdater(Flight.class, "callers");

        final Object key;
        final FlightObserver observer;
        final long startNanos = System.nanoTime();
        /** Callers still interested (subscribers for a Uni); {@link #CLOSED} once no one may join. */
        volatile int participants = 1;
        /** Callers served so far, including those who left (fan-in). */
        volatile int callers = 1;
        /** The thread running the call while it runs on the caller's thread, to detect re-entrance. */
        volatile Thread leader = Thread.currentThread();

        Flight(Object key, FlightObserver observer) {
            this.key = key;
            this.observer = observer;
        }

        boolean tryJoin() {
            while (true) {
                int now = participants;
                if (now <= 0) {
                    return false;
                }
                if (PARTICIPANTS.compareAndSet(this, now, now + 1)) {
                    CALLERS.incrementAndGet(this);
                    observer.onJoin(key);
                    return true;
                }
            }
        }

        /** Removes the flight, then completes it: a caller arriving after this starts a new flight. */
        void settle(ConcurrentHashMap<Object, Flight> flights, Object value, Throwable failure) {
            flights.remove(key, this);
            leader = null;
            participants = CLOSED;
            observer.onComplete(key, callers, observer.timesExecutions() ? System.nanoTime() - startNanos : -1,
                    failure);
            if (failure == null) {
                complete(value);
            } else {
                completeExceptionally(failure);
            }
        }

        /**
         * A Uni subscriber cancelled; the last one to leave ends the flight. Only a {@link UniFlight} can be left by
         * everyone: the leader of a synchronous or asynchronous flight never leaves.
         */
        void leave(ConcurrentHashMap<Object, Flight> flights) {
            if (PARTICIPANTS.decrementAndGet(this) != 0) {
                return;
            }
            flights.remove(key, this);
            cancelUpstream();
            completeExceptionally(new CancellationException("every subscriber cancelled"));
        }

        void cancelUpstream() {
        }

        CompletableFuture<Object> copyOfResult() {
            CompletableFuture<Object> copy = new CompletableFuture<>();
            pipe(this, copy);
            return copy;
        }
    }

    /** A flight whose leader subscribed to a {@code Uni}: the subscription is cancelled when every subscriber left. */
    private static final class UniFlight extends Flight {

        volatile Cancellable upstream;
        volatile boolean abandoned;

        UniFlight(Object key, FlightObserver observer) {
            super(key, observer);
        }

        @Override
        void cancelUpstream() {
            abandoned = true;
            Cancellable subscription = upstream;
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }
}
