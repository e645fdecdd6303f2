package io.github.coalesce.runtime.cluster;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.github.coalesce.CoalesceClusterUnavailableException;
import io.github.coalesce.CoalesceTimeoutException;

/**
 * Runs a local leader's call under the cluster tier: blocking on the caller's thread for synchronous methods (the
 * method itself then runs there, in its transaction and request context), or as a stage for reactive ones.
 * <p>
 * Internal: not part of the public API.
 */
public final class ClusterCalls {

    private ClusterCalls() {
    }

    /**
     * @param flights the cluster tier
     * @param key the flight
     * @param call the method
     * @param <T> the result type
     * @return the result: this instance's execution, or another instance's
     * @throws Exception the method's exception, or another instance's failure
     */
    public static <T> T execute(ClusterFlights flights, ClusterKey key, Callable<T> call) throws Exception {
        return execute(flights, key, MaxWait.NONE, call, () -> {
        });
    }

    /**
     * @param flights the cluster tier
     * @param key the flight
     * @param maxWait how long it waits on another instance's lease, and what it does then
     * @param call the method
     * @param onExecution told when the method runs on this instance (it leads, or runs local-only)
     * @param <T> the result type
     * @return the result: this instance's execution, or another instance's
     * @throws Exception the method's exception, or another instance's failure
     */
    @SuppressWarnings("unchecked")
    public static <T> T execute(ClusterFlights flights, ClusterKey key, MaxWait maxWait, Callable<T> call,
            Runnable onExecution) throws Exception {
        Decision decision = flights.decide(key, maxWait.duration()).toCompletableFuture().join();
        switch (decision) {
            case Decision.Remote remote -> {
                return (T) remote.value();
            }
            case Decision.RemoteFailure failure -> throw failure.failure();
            case Decision.Local local -> {
                checkFailOpen(flights, local);
                maxWait.check(local);
                onExecution.run();
                return call.call();
            }
            case Decision.Lead lead -> {
                T value;
                onExecution.run();
                try {
                    value = call.call();
                } catch (Throwable failure) {
                    // Waited for: the next call must find the lease gone, not wait for a dead flight.
                    flights.finish(lead, null, failure).toCompletableFuture().join();
                    throw failure;
                }
                flights.finish(lead, value, null).toCompletableFuture().join();
                return value;
            }
        }
    }

    /**
     * @param flights the cluster tier
     * @param key the flight
     * @param call starts the method
     * @param resume where the method starts (the caller's context), since decisions complete on Redis threads
     * @param <T> the result type
     * @return a stage of the outcome
     */
    public static <T> CompletionStage<T> executeAsync(ClusterFlights flights, ClusterKey key,
            Supplier<? extends CompletionStage<T>> call, Executor resume) {
        return executeAsync(flights, key, MaxWait.NONE, call, resume, () -> {
        });
    }

    /**
     * @param flights the cluster tier
     * @param key the flight
     * @param maxWait how long it waits on another instance's lease, and what it does then
     * @param call starts the method
     * @param resume where the method starts (the caller's context), since decisions complete on Redis threads
     * @param onExecution told when the method runs on this instance
     * @param <T> the result type
     * @return a stage of the outcome
     */
    @SuppressWarnings("unchecked")
    public static <T> CompletionStage<T> executeAsync(ClusterFlights flights, ClusterKey key, MaxWait maxWait,
            Supplier<? extends CompletionStage<T>> call, Executor resume, Runnable onExecution) {
        return flights.decide(key, maxWait.duration()).thenComposeAsync(decision -> switch (decision) {
            case Decision.Remote remote -> CompletableFuture.completedFuture((T) remote.value());
            case Decision.RemoteFailure failure -> CompletableFuture.<T> failedFuture(failure.failure());
            case Decision.Local local -> {
                checkFailOpen(flights, local);
                maxWait.check(local);
                onExecution.run();
                yield call.get();
            }
            case Decision.Lead lead -> {
                CompletionStage<T> started;
                onExecution.run();
                try {
                    started = call.get();
                } catch (RuntimeException failure) {
                    started = CompletableFuture.failedFuture(failure);
                }
                yield started.handle((value, failure) -> {
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException wrapped
                            && wrapped.getCause() != null ? wrapped.getCause() : failure;
                    return flights.finish(lead, value, cause).handle((ignored, e) -> {
                        if (cause != null) {
                            throw new java.util.concurrent.CompletionException(cause);
                        }
                        return value;
                    });
                }).thenCompose(stage -> stage);
            }
        }, resume);
    }

    /**
     * A method's max-wait as the cluster tier applies it to a waiter on another instance's lease: as the local rule
     * does to a follower, it runs the call itself ({@code RUN}) or fails with a {@link CoalesceTimeoutException}.
     *
     * @param duration the longest it waits, or {@code null} for as long as the lease is held
     * @param run whether it runs the call itself at max-wait (else it fails)
     * @param key what the timeout names: the caller's flight key
     */
    public record MaxWait(Duration duration, boolean run, Object key) {

        /** Waits as long as the lease is held. */
        public static final MaxWait NONE = new MaxWait(null, true, null);

        void check(Decision.Local local) {
            if (!run && local.reason() == ClusterStats.Fallback.MAX_WAIT) {
                throw new CoalesceTimeoutException(key, duration);
            }
        }
    }

    private static void checkFailOpen(ClusterFlights flights, Decision.Local local) {
        if (!flights.settings().failOpen() && (local.reason() == ClusterStats.Fallback.REDIS_ERROR
                || local.reason() == ClusterStats.Fallback.BREAKER_OPEN)) {
            throw new CoalesceClusterUnavailableException("Redis is unavailable for the cluster flight ("
                    + local.reason().tag() + ") and quarkus.coalesce.cluster.on-redis-failure=fail", local.cause());
        }
    }
}
