package io.github.coalesce.runtime;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.InvocationContext;

import io.github.coalesce.Coalesce;
import io.github.coalesce.CoalesceKeyGenerator;
import io.github.coalesce.Coalescer;
import io.github.coalesce.FlightGroup;
import io.github.coalesce.FlightGroups;
import io.github.coalesce.FlightOptions;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcInvocationContext;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * The flight groups of the {@code @Coalesce} methods: one {@link CoalesceStats} per group the build found, created at
 * start (so that their meters exist before the first call), and one {@link MethodPlan} per method, resolved on its
 * first call. Applications see it as the read-only {@link FlightGroups}.
 * <p>
 * Internal: not part of the public API.
 */
@Singleton // no client proxy: the interceptor calls it on every intercepted call
@Startup
public class FlightGroupRegistry implements FlightGroups {

    private final Map<Method, MethodPlan> plans = new ConcurrentHashMap<>();
    private final Map<String, CoalesceStats> stats = new ConcurrentHashMap<>();

    @Inject
    CoalesceConfig config;

    @Inject
    Coalescer coalescer;

    @Inject
    CoalescedMethodCatalog catalog;

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
        catalog.groups().forEach(this::created);
        principals = principalLookups.isResolvable() ? principalLookups.get() : null;
    }

    @Override
    public List<FlightGroup> all() {
        return stats.values().stream().sorted(Comparator.comparing(FlightGroup::name)).map(FlightGroup.class::cast)
                .toList();
    }

    @Override
    public Optional<FlightGroup> group(String name) {
        return Optional.ofNullable(stats.get(name));
    }

    /** @return the counters of every group, for the extension's own views (Dev UI) */
    public List<CoalesceStats> groups() {
        return stats.values().stream().sorted(Comparator.comparing(CoalesceStats::name)).toList();
    }

    /**
     * @param group a flight group of the build's catalog
     * @return its counters, for the extension's own tiers (cluster); created only for a group the catalog lacks
     */
    public CoalesceStats stats(String group) {
        CoalesceStats known = stats.get(group);
        return known != null ? known : created(group);
    }

    /** @return the engine the interceptor uses; its {@code inFlight()} includes the intercepted calls */
    public Coalescer coalescer() {
        return engine;
    }

    /** A group's counters, and its meters through the listeners. */
    private CoalesceStats created(String group) {
        CoalesceStats created = new CoalesceStats(group);
        CoalesceStats existing = stats.putIfAbsent(group, created);
        if (existing != null) {
            return existing;
        }
        listeners.forEach(listener -> listener.groupCreated(created));
        return created;
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * @param context an intercepted call of a {@code @Coalesce} method
     * @return its options ({@code max-wait} and the rest), as its flights use them
     */
    public FlightOptions options(InvocationContext context) {
        return plan(context).options;
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
        // Every binding's group is in the catalog; created here only if the build and the binding disagreed.
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
