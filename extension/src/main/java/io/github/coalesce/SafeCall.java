package io.github.coalesce;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Calls a reactive call's supplier so that whatever goes wrong becomes a failure of what it returns: a throw, or a
 * {@code null} where a {@code Uni} or {@code CompletionStage} was due, reaches the callers like any other failure.
 */
final class SafeCall {

    private SafeCall() {
    }

    static <T> CompletionStage<T> stage(Supplier<? extends CompletionStage<T>> call) {
        return get(call, "CompletionStage", CompletableFuture::failedFuture);
    }

    static <T> Uni<T> uni(Supplier<Uni<T>> call) {
        return get(call, "Uni", failure -> Uni.createFrom().failure(failure));
    }

    private static <S> S get(Supplier<? extends S> call, String what, Function<Throwable, S> failed) {
        try {
            S started = call.get();
            return started != null ? started
                    : failed.apply(new NullPointerException("the coalesced call returned a null " + what));
        } catch (Throwable failure) {
            return failed.apply(failure);
        }
    }

    /** @return the cause of a {@link CompletionException}, else {@code failure} */
    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** @return {@code failure} as an exception a synchronous caller can throw ({@link Error}s are thrown here) */
    static Exception rethrowable(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof Exception exception) {
            return exception;
        }
        return new UndeclaredThrowableException(failure);
    }
}
