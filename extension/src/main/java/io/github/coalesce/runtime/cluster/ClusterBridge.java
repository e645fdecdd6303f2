package io.github.coalesce.runtime.cluster;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import jakarta.interceptor.InvocationContext;

import io.github.coalesce.runtime.FlightKey;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.smallrye.mutiny.Uni;

/**
 * What the interceptor sees of the cluster tier, in every application: {@link ClusterTier} is a bean only when the
 * application has the Redis client (and so Jackson); without it every call is left as it is.
 * <p>
 * Internal: not part of the public API.
 */
@Singleton // no client proxy: called on every intercepted call
public class ClusterBridge {

    private ClusterTier tier;

    @PostConstruct
    void init() {
        InstanceHandle<ClusterTier> handle = Arc.container().instance(ClusterTier.class);
        tier = handle.isAvailable() ? handle.get() : null;
    }

    /**
     * @param context the intercepted call
     * @param key its local flight key
     * @param call the method
     * @param <T> the result type
     * @return the call the local leader runs
     */
    public <T> Callable<T> sync(InvocationContext context, FlightKey key, Callable<T> call) {
        return tier == null ? call : tier.sync(context, key, call);
    }

    /**
     * @param context the intercepted call
     * @param key its local flight key
     * @param call the method
     * @param <T> the result type
     * @return the Uni the local leader subscribes to
     */
    public <T> Supplier<Uni<T>> uni(InvocationContext context, FlightKey key, Supplier<Uni<T>> call) {
        return tier == null ? call : tier.uni(context, key, call);
    }

    /**
     * @param context the intercepted call
     * @param key its local flight key
     * @param call the method
     * @param <T> the result type
     * @return the stage the local leader starts
     */
    public <T> Supplier<CompletionStage<T>> stage(InvocationContext context, FlightKey key,
            Supplier<CompletionStage<T>> call) {
        return tier == null ? call : tier.stage(context, key, call);
    }
}
