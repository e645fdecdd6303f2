package io.github.coalesce;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The {@code CompletionStage} form: the leader starts the call and settles the flight when its stage completes; each
 * caller gets a stage of its own, so completing one does not affect the others. A follower's stage completes, and its
 * own call after its maximum wait runs, in the context it called from ({@link CallerContext}).
 */
final class StageCalls {

    private StageCalls() {
    }

    /** @param shared whether the callers' stages complete with a {@link Shared} rather than the bare value */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    static CompletionStage<Object> execute(FlightTable table, CallerContext contexts, Object key,
            FlightOptions options, Supplier<? extends CompletionStage<?>> call, boolean shared) {
        Flight flight;
        try {
            flight = table.take(key, options, false);
        } catch (IllegalStateException reentrant) {
            return CompletableFuture.failedFuture(reentrant);
        }
        boolean leads = FlightTable.leads(flight);
        // The leader's stage completes where its own call's does, as it would uncoalesced.
        Executor resume = leads ? Runnable::run : MaxWaitRule.resumeIn(contexts);
        // Whoever settles this caller first wins: the flight's outcome or its max wait, never both.
        AtomicBoolean settled = new AtomicBoolean();
        CompletableFuture<Object> mine = copy(flight, shared, leads, resume, settled);
        if (leads) {
            CompletionStage<?> stage;
            try {
                stage = SafeCall.stage((Supplier) call);
            } finally {
                flight.leaderReturned();
            }
            stage.whenComplete((value, failure) -> flight.settle(table, value, SafeCall.unwrap(failure)));
            return mine;
        }
        MaxWaitRule.schedule(options, () -> {
            if (settled.compareAndSet(false, true)) {
                MaxWaitRule.escapeIn(resume).execute(() -> {
                    try {
                        MaxWaitRule.expired(key, options, () -> pipe(SafeCall.stage((Supplier) call), mine, shared),
                                mine::completeExceptionally);
                    } catch (Exception unexpected) {
                        mine.completeExceptionally(unexpected);
                    }
                });
            }
        });
        return mine;
    }

    /** A stage of this caller's own that completes with the flight's outcome. */
    private static CompletableFuture<Object> copy(Flight flight, boolean shared, boolean leads, Executor resume,
            AtomicBoolean settled) {
        CompletableFuture<Object> copy = new CompletableFuture<>();
        flight.whenComplete((value, failure) -> {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            if (leads) {
                complete(copy, flight, shared, true, value, failure);
            } else {
                resume.execute(() -> complete(copy, flight, shared, false, value, failure));
            }
        });
        return copy;
    }

    private static void complete(CompletableFuture<Object> copy, Flight flight, boolean shared, boolean leads,
            Object value, Throwable failure) {
        if (failure == null) {
            copy.complete(shared ? new Shared<>(value, leads, flight.callers()) : value);
        } else {
            copy.completeExceptionally(SafeCall.unwrap(failure));
        }
    }

    /** Completes {@code to} with the follower's own call's outcome. */
    private static boolean pipe(CompletionStage<?> from, CompletableFuture<Object> to, boolean shared) {
        from.whenComplete((value, failure) -> {
            if (failure == null) {
                to.complete(shared ? Shared.alone(value) : value);
            } else {
                to.completeExceptionally(SafeCall.unwrap(failure));
            }
        });
        return true;
    }
}
