package io.github.coalesce;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * The {@code Uni} form: each subscription joins the running flight or leads a new one by subscribing to the call's
 * {@code Uni}; the upstream subscription is cancelled only when every subscriber has cancelled. A follower's item,
 * and its own call after its maximum wait, reach it in the context it subscribed from ({@link CallerContext}).
 */
final class UniCalls {

    private UniCalls() {
    }

    /** @param shared whether subscribers receive a {@link Shared} rather than the bare value */
    static Uni<Object> execute(FlightTable table, CallerContext contexts, Object key, FlightOptions options,
            Supplier<? extends Uni<?>> call, boolean shared) {
        return Uni.createFrom().emitter(emitter -> subscribe(table, contexts, key, options, call, shared, emitter));
    }

    private static void subscribe(FlightTable table, CallerContext contexts, Object key, FlightOptions options,
            Supplier<? extends Uni<?>> call, boolean shared, UniEmitter<Object> emitter) {
        Flight flight;
        try {
            flight = table.take(key, options, true);
        } catch (IllegalStateException reentrant) {
            emitter.fail(reentrant);
            return;
        }
        boolean leads = FlightTable.leads(flight);
        // The leader gets the item where its own call emits it, as it would uncoalesced.
        Executor resume = leads ? Runnable::run : MaxWaitRule.resumeIn(contexts);
        deliver(table, flight, options, call, shared, leads, resume, emitter);
        if (leads) {
            start(table, (UniFlight) flight, call);
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static void start(FlightTable table, UniFlight mine, Supplier<? extends Uni<?>> call) {
        Uni<?> upstream = SafeCall.uni((Supplier) call);
        try {
            mine.upstream = upstream.subscribe().with(
                    value -> mine.settle(table, value, null),
                    failure -> mine.settle(table, null, failure));
        } finally {
            mine.leaderReturned();
        }
        if (mine.abandoned) {
            // Every subscriber cancelled before the subscription handle was stored.
            mine.upstream.cancel();
        }
    }

    /** Forwards the flight's outcome to one subscriber and handles that subscriber's cancellation and max wait. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static void deliver(FlightTable table, Flight flight, FlightOptions options,
            Supplier<? extends Uni<?>> call, boolean shared, boolean leads, Executor resume,
            UniEmitter<Object> emitter) {
        // Whoever settles this subscriber first wins: the flight's outcome, its max wait, or its cancellation.
        AtomicBoolean settled = new AtomicBoolean();
        emitter.onTermination(() -> {
            // Also runs after complete/fail, but then settled is already set: only a cancellation gets here first.
            if (settled.compareAndSet(false, true)) {
                flight.leave(table);
            }
        });
        flight.whenComplete((value, failure) -> {
            if (settled.compareAndSet(false, true)) {
                if (leads) {
                    emit(flight, shared, true, emitter, value, failure);
                } else {
                    resume.execute(() -> emit(flight, shared, false, emitter, value, failure));
                }
            }
        });
        if (!leads) {
            MaxWaitRule.schedule(options, () -> {
                if (settled.compareAndSet(false, true)) {
                    flight.leave(table);
                    MaxWaitRule.escapeIn(resume).execute(() -> runOwn(flight, options, call, shared, emitter));
                }
            });
        }
    }

    private static void emit(Flight flight, boolean shared, boolean leads, UniEmitter<Object> emitter, Object value,
            Throwable failure) {
        if (failure == null) {
            emitter.complete(shared ? new Shared<>(value, leads, flight.callers()) : value);
        } else {
            emitter.fail(failure);
        }
    }

    /** The follower's maximum wait passed: it runs its own call or fails, in its own context. */
    @SuppressWarnings("unchecked")
    private static void runOwn(Flight flight, FlightOptions options, Supplier<? extends Uni<?>> call, boolean shared,
            UniEmitter<Object> emitter) {
        try {
            MaxWaitRule.expired(flight.key, options, () -> SafeCall.uni((Supplier<Uni<Object>>) call)
                    .subscribe().with(value -> emitter.complete(shared ? Shared.alone(value) : value), emitter::fail),
                    timeout -> {
                        emitter.fail(timeout);
                        return null;
                    });
        } catch (Exception unexpected) {
            emitter.fail(unexpected);
        }
    }
}
