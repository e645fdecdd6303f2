package io.github.coalesce.runtime.cluster;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.coalesce.FlightOptions;
import io.github.coalesce.runtime.CallerContexts;
import io.github.coalesce.runtime.CoalesceStats;
import io.github.coalesce.runtime.CoalescedMethod;
import io.github.coalesce.runtime.FlightGroupRegistry;
import io.github.coalesce.runtime.FlightKey;
import io.quarkus.arc.ArcInvocationContext;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The Quarkus side of the cluster tier: connects at start when the build found cluster-scoped methods, and wraps a
 * local leader's call so that it goes through {@link ClusterFlights}. A method that is local-scoped, or every method
 * while Redis is not configured, keeps its call as it is.
 * <p>
 * Internal: not part of the public API.
 */
@Singleton
public class ClusterTier {

    private static final Logger LOG = Logger.getLogger("io.github.coalesce");

    @Inject
    ClusterConfig config;

    @Inject
    ClusterCatalog catalog;

    @Inject
    Instance<RedisConnector> connector;

    @Inject
    Instance<ObjectMapper> mappers;

    @Inject
    Instance<ClusterMeters> meters;

    @Inject
    FlightGroupRegistry coalescedMethods;

    private final CallerContexts contexts = new CallerContexts();
    private final Map<Method, Optional<ClusterMethod>> methods = new ConcurrentHashMap<>();
    private final java.util.Set<String> unwritableKeyLogged = ConcurrentHashMap.newKeySet();
    private volatile ClusterFlights flights;
    private volatile ClusterKeys keys;
    private volatile String localOnlyReason = "no @Coalesce(scope = CLUSTER) method";

    private record ClusterMethod(String group, ResultCodec codec, CoalesceStats stats, FlightOptions options) {

        ClusterCalls.MaxWait maxWait(FlightKey key) {
            return new ClusterCalls.MaxWait(options.maxWait(), options.runOnMaxWait(), key);
        }
    }

    void start(@Observes @Priority(4000) StartupEvent event) {
        if (catalog.groups().isEmpty()) {
            return;
        }
        RedisConnector.Connection connection = connector.isResolvable()
                ? connector.get().connect(config.clientName())
                : new RedisConnector.Connection(null, "the application has no Redis client extension");
        if (connection.commands() == null) {
            localOnlyReason = connection.unavailable();
            LOG.infof("quarkus-coalesce: cluster-scoped flight group(s) %s run LOCAL-ONLY (one execution per "
                    + "instance): %s", catalog.groups(), localOnlyReason);
            return;
        }
        keys = new ClusterKeys(ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.version", String.class).orElse(""));
        ClusterFlights started = new ClusterFlights(connection.commands(), config.settings());
        catalog.groups().forEach(started::stats);
        // A local leader answered by another instance ran nothing here: executions count where the method ran.
        catalog.groups().forEach(group -> coalescedMethods.stats(group).countExecutionsInClusterTier());
        if (meters.isResolvable()) {
            meters.get().register(started);
        }
        started.start();
        flights = started;
        localOnlyReason = null;
        LOG.infof("quarkus-coalesce: cluster-scoped flight group(s) %s share executions across instances through "
                + "Redis (client %s, key prefix '%s', lease %s)", catalog.groups(),
                config.clientName().orElse("<default>"), config.keyPrefix(), config.leaseTtl());
    }

    @PreDestroy
    void stop() {
        ClusterFlights current = flights;
        if (current != null) {
            current.close();
        }
    }

    /** @return the engine, or {@code null} while cluster-scoped methods run local-only */
    public ClusterFlights flights() {
        return flights;
    }

    /** @return how this instance hashes keys, or {@code null} while cluster-scoped methods run local-only */
    public ClusterKeys keys() {
        return keys;
    }

    /** @return why cluster-scoped methods run local-only, or {@code null} when they share through Redis */
    public String localOnlyReason() {
        return localOnlyReason;
    }

    /**
     * @param context the intercepted call
     * @param key its local flight key
     * @param call the method
     * @param <T> the result type
     * @return the call the local leader runs: through the cluster tier for a cluster-scoped method
     */
    public <T> Callable<T> sync(InvocationContext context, FlightKey key, Callable<T> call) {
        ClusterMethod method = clusterMethod(context);
        if (method == null) {
            return call;
        }
        return () -> {
            ClusterKey shared = clusterKey(method, key);
            if (shared == null) {
                method.stats().onClusterExecution();
                return call.call();
            }
            return ClusterCalls.execute(flights, shared, method.maxWait(key), call, method.stats()::onClusterExecution);
        };
    }

    /**
     * @param context the intercepted call
     * @param key its local flight key
     * @param call the method
     * @param <T> the result type
     * @return the Uni the local leader subscribes to: through the cluster tier for a cluster-scoped method
     */
    public <T> Supplier<Uni<T>> uni(InvocationContext context, FlightKey key, Supplier<Uni<T>> call) {
        ClusterMethod method = clusterMethod(context);
        if (method == null) {
            return call;
        }
        return () -> {
            ClusterKey shared = clusterKey(method, key);
            if (shared == null) {
                method.stats().onClusterExecution();
                return call.get();
            }
            return Uni.createFrom().completionStage(() -> ClusterCalls.executeAsync(flights, shared, method.maxWait(key),
                    () -> call.get().subscribeAsCompletionStage(), callersContext(), method.stats()::onClusterExecution));
        };
    }

    /**
     * @param context the intercepted call
     * @param key its local flight key
     * @param call the method
     * @param <T> the result type
     * @return the stage the local leader starts: through the cluster tier for a cluster-scoped method
     */
    public <T> Supplier<CompletionStage<T>> stage(InvocationContext context, FlightKey key,
            Supplier<CompletionStage<T>> call) {
        ClusterMethod method = clusterMethod(context);
        if (method == null) {
            return call;
        }
        return () -> {
            ClusterKey shared = clusterKey(method, key);
            if (shared == null) {
                method.stats().onClusterExecution();
                return call.get();
            }
            return ClusterCalls.executeAsync(flights, shared, method.maxWait(key), call, callersContext(),
                    method.stats()::onClusterExecution);
        };
    }

    private ClusterMethod clusterMethod(InvocationContext context) {
        if (flights == null) {
            return null;
        }
        return methods.computeIfAbsent(context.getMethod(), m -> {
            CoalescedMethod computed = ArcInvocationContext.findIterceptorBinding(context, CoalescedMethod.class);
            if (computed == null || !computed.cluster()) {
                return Optional.empty();
            }
            return Optional.of(new ClusterMethod(computed.group(),
                    new JacksonResultCodec(mappers.get(), computed.resultType()),
                    coalescedMethods.stats(computed.group()), coalescedMethods.options(context)));
        }).orElse(null);
    }

    /**
     * @return the flight's identity across instances, or {@code null} when its key has no canonical form: such a
     *         flight never gets a shared hash (two unequal keys could meet under one), it runs local-only
     */
    private ClusterKey clusterKey(ClusterMethod method, FlightKey key) {
        try {
            return new ClusterKey(method.group(), keys.hash(method.group(), keyOf(key), principalOf(key)),
                    method.codec());
        } catch (ClusterKeys.UnwritableKeyException e) {
            flights.stats(method.group()).onFallback(ClusterStats.Fallback.UNWRITABLE_KEY);
            if (unwritableKeyLogged.add(method.group())) {
                LOG.warnf("quarkus-coalesce: flights of %s run LOCAL-ONLY (counted as coalesce.cluster.fallbacks"
                        + "{reason=unwritable-key}; logged once): %s", method.group(), e.getMessage());
            }
            return null;
        }
    }

    /** A method without parameters has one key; its placeholder object is not JSON. */
    private static Object keyOf(FlightKey key) {
        Object userKey = key.key();
        return userKey != null && userKey.getClass() == Object.class || userKey != null
                && userKey.getClass().isAnonymousClass() ? java.util.List.of() : userKey;
    }

    /** The same principal scope as the local key: a flight never mixes users across instances either. */
    private static String principalOf(FlightKey key) {
        return key.principal();
    }

    /**
     * Continuations after Redis replies resume in the caller's context (its event loop, or off it when it called from
     * a worker), never on the Redis I/O thread.
     */
    private Executor callersContext() {
        Executor captured = contexts.capture();
        return captured != null ? captured : Runnable::run;
    }
}
