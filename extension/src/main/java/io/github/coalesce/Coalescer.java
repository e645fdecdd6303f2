package io.github.coalesce;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Singleflight: concurrent calls with equal keys share one execution. The first caller for a key (the leader) runs
 * the call; callers that arrive while it runs (followers) wait for it and get the same result or the same exception.
 * When the execution ends the flight is removed, so nothing is cached: the next call runs again.
 * <p>
 * Every call comes in three forms, synchronous, {@code Uni} and {@code CompletionStage}, and each also in a
 * {@code Shared} variant that tells the caller whether it led or joined and how many callers the execution served.
 * A {@code Uni} or {@code CompletionStage} follower resumes in the context it joined from, as the
 * {@link CallerContext} given at construction captures it (the extension's returns to the caller's Vert.x context).
 * <p>
 * Plain Java, usable without CDI ({@code new Coalescer()}); the extension also provides an application-scoped
 * instance configured from {@code quarkus.coalesce.*}. No lock is held while a call runs (see {@link FlightTable} and
 * the protocol on {@link Flight}).
 * <p>
 * Keys are exactly what the caller passes: unlike {@code @Coalesce}, which adds the caller's principal when the
 * application has Quarkus Security, this API adds nothing, so a result that depends on who asks needs the user in the
 * key (for example {@code List.of(userName, postId)}).
 */
public class Coalescer {

    private final FlightTable flights = new FlightTable();
    private final FlightOptions defaults;
    private final CallerContext contexts;

    /** A coalescer whose followers wait as long as the leader runs and whose flights are never detached. */
    public Coalescer() {
        this(FlightOptions.DEFAULTS);
    }

    /** @param defaults the options of the calls that name none */
    public Coalescer(FlightOptions defaults) {
        this(defaults, CallerContext.NONE);
    }

    /**
     * @param defaults the options of the calls that name none
     * @param contexts where a {@code Uni} or {@code CompletionStage} follower resumes: in the context it joined from
     */
    public Coalescer(FlightOptions defaults, CallerContext contexts) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    /** @return the options used by the methods that take none */
    public FlightOptions defaults() {
        return defaults;
    }

    /**
     * Runs {@code call}, or waits for the running call with an equal key, and returns its result.
     *
     * @param key what makes calls equal: its {@code equals} and {@code hashCode}
     * @param call the work, run by the leader only
     * @param <T> the result type
     * @return the result of the shared execution (the same instance for every caller), or of this caller's own call
     *         when it waited its maximum wait and {@code onMaxWait} is RUN
     * @throws Exception the exception thrown by the shared call, unchanged
     * @throws CoalesceTimeoutException when this caller followed and waited longer than the maximum wait
     * @throws IllegalStateException when called with the key of the flight this thread is leading (re-entrance)
     */
    public <T> T execute(Object key, Callable<T> call) throws Exception {
        return execute(key, defaults, call);
    }

    /**
     * Like {@link #execute(Object, Callable)}, with the given options.
     *
     * @param key what makes calls equal
     * @param options the maximum wait, maximum age and observer of this call
     * @param call the work, run by the leader only
     * @param <T> the result type
     * @return the result of the shared execution
     * @throws Exception the exception thrown by the shared call, unchanged
     */
    @SuppressWarnings("unchecked")
    public <T> T execute(Object key, FlightOptions options, Callable<T> call) throws Exception {
        Flight flight = flights.take(Objects.requireNonNull(key, "key"), options, false);
        return FlightTable.leads(flight) ? lead(flight, call) : (T) follow(flight, options, call, false);
    }

    /**
     * Like {@link #execute(Object, Callable)}, and tells how the result was shared (Go's {@code shared}).
     *
     * @param key what makes calls equal
     * @param call the work, run by the leader only
     * @param <T> the result type
     * @return the result, whether this caller led, and how many callers the execution served
     * @throws Exception the exception thrown by the shared call, unchanged
     */
    public <T> Shared<T> executeShared(Object key, Callable<T> call) throws Exception {
        return executeShared(key, defaults, call);
    }

    /**
     * Like {@link #executeShared(Object, Callable)}, with the given options.
     *
     * @param key what makes calls equal
     * @param options the maximum wait, maximum age and observer of this call
     * @param call the work, run by the leader only
     * @param <T> the result type
     * @return the result, whether this caller led, and how many callers the execution served
     * @throws Exception the exception thrown by the shared call, unchanged
     */
    @SuppressWarnings("unchecked")
    public <T> Shared<T> executeShared(Object key, FlightOptions options, Callable<T> call) throws Exception {
        Flight flight = flights.take(Objects.requireNonNull(key, "key"), options, false);
        if (FlightTable.leads(flight)) {
            T value = lead(flight, call);
            return new Shared<>(value, true, flight.callers());
        }
        return (Shared<T>) follow(flight, options, call, true);
    }

    /**
     * Returns a {@code Uni} that, at subscription, joins the running flight for {@code key} or starts one by
     * subscribing to {@code call.get()}. The upstream work is cancelled only when every subscriber has cancelled.
     *
     * @param key what makes calls equal
     * @param call supplies the work, called by the leading subscription only
     * @param <T> the item type
     * @return a lazy {@code Uni} of the shared item
     */
    public <T> Uni<T> executeUni(Object key, Supplier<Uni<T>> call) {
        return executeUni(key, defaults, call);
    }

    /**
     * Like {@link #executeUni(Object, Supplier)}, with the given options.
     *
     * @param key what makes calls equal
     * @param options the maximum wait, maximum age and observer of this call
     * @param call supplies the work, called by the leading subscription only
     * @param <T> the item type
     * @return a lazy {@code Uni} of the shared item
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> executeUni(Object key, FlightOptions options, Supplier<Uni<T>> call) {
        return (Uni<T>) UniCalls.execute(flights, contexts, Objects.requireNonNull(key, "key"), options, call,
                false);
    }

    /**
     * Like {@link #executeUni(Object, Supplier)}, and tells how the item was shared.
     *
     * @param key what makes calls equal
     * @param call supplies the work, called by the leading subscription only
     * @param <T> the item type
     * @return a lazy {@code Uni} of the item, whether this subscription led, and how many it served
     */
    public <T> Uni<Shared<T>> executeSharedUni(Object key, Supplier<Uni<T>> call) {
        return executeSharedUni(key, defaults, call);
    }

    /**
     * Like {@link #executeSharedUni(Object, Supplier)}, with the given options.
     *
     * @param key what makes calls equal
     * @param options the maximum wait, maximum age and observer of this call
     * @param call supplies the work, called by the leading subscription only
     * @param <T> the item type
     * @return a lazy {@code Uni} of the item, whether this subscription led, and how many it served
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<Shared<T>> executeSharedUni(Object key, FlightOptions options, Supplier<Uni<T>> call) {
        return (Uni<Shared<T>>) (Uni<?>) UniCalls.execute(flights, contexts, Objects.requireNonNull(key, "key"), options,
                call, true);
    }

    /**
     * Calls {@code call.get()}, or joins the running call with an equal key, and returns a stage that completes with
     * the shared outcome. Each caller gets its own stage: completing it does not affect the others.
     *
     * @param key what makes calls equal
     * @param call starts the work, called by the leader only
     * @param <T> the result type
     * @return a stage of this caller's own that completes with the shared outcome
     */
    public <T> CompletionStage<T> executeAsync(Object key, Supplier<? extends CompletionStage<T>> call) {
        return executeAsync(key, defaults, call);
    }

    /**
     * Like {@link #executeAsync(Object, Supplier)}, with the given options.
     *
     * @param key what makes calls equal
     * @param options the maximum wait, maximum age and observer of this call
     * @param call starts the work, called by the leader only
     * @param <T> the result type
     * @return a stage of this caller's own that completes with the shared outcome
     */
    @SuppressWarnings("unchecked")
    public <T> CompletionStage<T> executeAsync(Object key, FlightOptions options,
            Supplier<? extends CompletionStage<T>> call) {
        return (CompletionStage<T>) StageCalls.execute(flights, contexts, Objects.requireNonNull(key, "key"), options,
                call, false);
    }

    /**
     * Like {@link #executeAsync(Object, Supplier)}, and tells how the result was shared.
     *
     * @param key what makes calls equal
     * @param call starts the work, called by the leader only
     * @param <T> the result type
     * @return a stage of the result, whether this caller led, and how many callers the execution served
     */
    public <T> CompletionStage<Shared<T>> executeSharedAsync(Object key, Supplier<? extends CompletionStage<T>> call) {
        return executeSharedAsync(key, defaults, call);
    }

    /**
     * Like {@link #executeSharedAsync(Object, Supplier)}, with the given options.
     *
     * @param key what makes calls equal
     * @param options the maximum wait, maximum age and observer of this call
     * @param call starts the work, called by the leader only
     * @param <T> the result type
     * @return a stage of the result, whether this caller led, and how many callers the execution served
     */
    @SuppressWarnings("unchecked")
    public <T> CompletionStage<Shared<T>> executeSharedAsync(Object key, FlightOptions options,
            Supplier<? extends CompletionStage<T>> call) {
        return (CompletionStage<Shared<T>>) (CompletionStage<?>) StageCalls.execute(flights, contexts,
                Objects.requireNonNull(key, "key"), options, call, true);
    }

    /**
     * Forgets the running flight for {@code key}: later callers start a new flight, while the running one still
     * finishes for the callers that already joined it.
     *
     * @param key the flight's key
     * @return whether a flight was running
     */
    public boolean forget(Object key) {
        return flights.forget(Objects.requireNonNull(key, "key"));
    }

    /** @return the number of flights running now */
    public int inFlight() {
        return flights.size();
    }

    /**
     * @param key the flight's key
     * @return the number of callers sharing the running flight for {@code key}, or 0 when none runs
     */
    public int callers(Object key) {
        return flights.callers(Objects.requireNonNull(key, "key"));
    }

    /**
     * @return the flights running now, oldest first (those whose start was not timed last, with no age, see
     *         {@link FlightSnapshot#age()}): a weakly consistent view (flights starting or ending meanwhile
     *         may or may not appear) that takes no lock and never waits for a call
     */
    public List<FlightSnapshot> snapshot() {
        return flights.snapshot();
    }

    private <T> T lead(Flight mine, Callable<T> call) throws Exception {
        T value;
        try {
            value = call.call();
        } catch (Throwable failure) {
            mine.settle(flights, null, failure);
            throw SafeCall.rethrowable(failure);
        }
        mine.settle(flights, value, null);
        return value;
    }

    /** Waits for the flight as a follower; {@code shared}: the outcome as a {@link Shared}. */
    private static Object follow(Flight flight, FlightOptions options, Callable<?> call, boolean shared)
            throws Exception {
        Object value;
        try {
            value = options.maxWait() == null ? flight.get()
                    : flight.get(options.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw SafeCall.rethrowable(e.getCause());
        } catch (TimeoutException e) {
            return MaxWaitRule.expired(flight.key, options, () -> {
                Object own = call.call();
                return shared ? Shared.alone(own) : own;
            }, timeout -> {
                throw timeout;
            });
        }
        return shared ? new Shared<>(value, false, flight.callers()) : value;
    }
}
