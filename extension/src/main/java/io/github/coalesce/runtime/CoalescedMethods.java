package io.github.coalesce.runtime;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.InvocationContext;

import io.github.coalesce.Coalesce;
import io.github.coalesce.CoalesceKeyGenerator;
import io.github.coalesce.Coalescer;
import io.github.coalesce.FlightOptions;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcInvocationContext;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * The coalesced methods seen at run time: one {@link MethodPlan} per method, resolved on its first call, and one
 * {@link CoalesceStats} per flight group.
 */
@Singleton // no client proxy: the interceptor calls it on every intercepted call
public class CoalescedMethods {

    private final Map<Method, MethodPlan> plans = new ConcurrentHashMap<>();
    private final Map<String, CoalesceStats> stats = new ConcurrentHashMap<>();

    @Inject
    CoalesceConfig config;

    @Inject
    Coalescer coalescer;

    /** The engine itself, not its client proxy: one context lookup less per call. */
    private Coalescer engine;

    private boolean enabled;

    @Inject
    jakarta.enterprise.inject.Instance<StatsListener> listeners;

    /** Present only when the application has Quarkus Security. */
    @Inject
    jakarta.enterprise.inject.Instance<PrincipalLookup> principalLookups;

    private PrincipalLookup principals;

    @PostConstruct
    void init() {
        engine = ClientProxy.unwrap(coalescer);
        enabled = config.enabled();
        principals = principalLookups.isResolvable() ? principalLookups.get() : null;
    }

    /** @return the counters of every group called so far, by group name */
    public Map<String, CoalesceStats> stats() {
        return Collections.unmodifiableMap(stats);
    }

    /** @return the counters of one group, created empty if it has not been called yet */
    public CoalesceStats stats(String group) {
        CoalesceStats existing = stats.get(group);
        if (existing != null) {
            return existing;
        }
        CoalesceStats created = new CoalesceStats(group);
        existing = stats.putIfAbsent(group, created);
        if (existing != null) {
            return existing;
        }
        listeners.forEach(listener -> listener.groupCreated(created));
        return created;
    }

    /** @return the engine the interceptor uses; its {@code inFlight()} includes the intercepted calls */
    public Coalescer coalescer() {
        return engine;
    }

    /** @return the plans resolved so far */
    public Collection<MethodPlan> plans() {
        return plans.values();
    }

    boolean enabled() {
        return enabled;
    }

    MethodPlan plan(InvocationContext context) {
        Method method = context.getMethod();
        MethodPlan plan = plans.get(method);
        if (plan == null) {
            // Resolved outside the map: creating a key generator bean may run application code.
            plan = resolve(context, method);
            MethodPlan raced = plans.putIfAbsent(method, plan);
            return raced != null ? raced : plan;
        }
        return plan;
    }

    private MethodPlan resolve(InvocationContext context, Method method) {
        Coalesce coalesce = ArcInvocationContext.findIterceptorBinding(context, Coalesce.class);
        CoalescedMethod computed = ArcInvocationContext.findIterceptorBinding(context, CoalescedMethod.class);
        if (coalesce == null || computed == null) {
            // A void or stream method of a class annotated @Coalesce: left alone by design.
            return MethodPlan.passThrough(method);
        }
        CoalesceStats groupStats = stats(computed.group());
        FlightOptions defaults = coalescer.defaults();
        Duration maxWait = coalesce.maxWait().isEmpty() ? defaults.maxWait()
                : DurationConverter.parseDuration(coalesce.maxWait());
        boolean runOnMaxWait = switch (coalesce.onMaxWait()) {
            case DEFAULT -> defaults.runOnMaxWait();
            case RUN -> true;
            case FAIL -> false;
        };
        Duration maxAge = coalesce.maxAge().isEmpty() ? defaults.maxAge()
                : DurationConverter.parseDuration(coalesce.maxAge());
        FlightOptions options = new FlightOptions(maxWait, runOnMaxWait, maxAge, groupStats);
        if (computed.principalScoped() && principals == null) {
            throw new IllegalStateException("No principal lookup for the principal-scoped method " + computed.group());
        }
        return new MethodPlan(method, computed.group(), computed.keyParameters(), keyGenerator(coalesce), options,
                groupStats, computed.principalScoped() ? principals : null);
    }

    private static CoalesceKeyGenerator keyGenerator(Coalesce coalesce) {
        Class<? extends CoalesceKeyGenerator> type = coalesce.keyGenerator();
        if (type == CoalesceKeyGenerator.class) {
            return null;
        }
        InstanceHandle<? extends CoalesceKeyGenerator> bean = Arc.container().instance(type);
        if (bean.isAvailable()) {
            return bean.get();
        }
        try {
            Constructor<? extends CoalesceKeyGenerator> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot instantiate key generator " + type.getName(), e);
        }
    }
}
