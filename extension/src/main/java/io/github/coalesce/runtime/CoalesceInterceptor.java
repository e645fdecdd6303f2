package io.github.coalesce.runtime;

import java.util.concurrent.CompletionStage;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.github.coalesce.Coalesce;
import io.github.coalesce.runtime.cluster.ClusterBridge;
import io.quarkus.runtime.BlockingOperationNotAllowedException;
import io.smallrye.mutiny.Uni;

/**
 * Hands {@code @Coalesce} calls to the {@link io.github.coalesce.Coalescer} engine. A {@code Uni} is coalesced when
 * it is subscribed, so the method body only runs for the subscription that leads. A principal-scoped method (Quarkus
 * Security present, decided at build time) adds the caller's principal to the key.
 */
@Coalesce
@Interceptor
@Priority(CoalesceInterceptor.PRIORITY)
public class CoalesceInterceptor {

    /**
     * Inside {@code @CacheResult} ({@code PLATFORM_BEFORE + 2}): a cache hit never starts a flight. Outside
     * transactions, request-context activation and SmallRye Fault Tolerance ({@code PLATFORM_AFTER + 10}): only the
     * leader opens a transaction, and a retry happens once, inside the leader's call.
     */
    public static final int PRIORITY = Interceptor.Priority.PLATFORM_BEFORE + 3;

    @Inject
    FlightGroupRegistry methods;

    @Inject
    ClusterBridge cluster;

    @AroundInvoke
    @SuppressWarnings("unchecked")
    Object coalesce(InvocationContext context) throws Exception {
        MethodPlan plan = methods.plan(context);
        if (plan.kind == MethodPlan.Kind.PASS_THROUGH) {
            return context.proceed();
        }
        if (!methods.enabled()) {
            plan.stats.onUncoalescedCall();
            return context.proceed();
        }
        Object[] arguments = context.getParameters();
        if (plan.principals == null) {
            return coalesce(plan, plan.key(arguments, null), context);
        }
        if (plan.kind == MethodPlan.Kind.UNI) {
            // Never blocks the event loop: the flight is joined once the identity is resolved (at once, unless
            // authentication is lazy and still running).
            return plan.principals.deferred().onItem().transformToUni(
                    principal -> (Uni<Object>) reactive(plan, plan.key(arguments, principal), context));
        }
        String principal = plan.principals.current();
        if (principal != null) {
            return coalesce(plan, plan.key(arguments, principal), context);
        }
        if (plan.kind == MethodPlan.Kind.STAGE) {
            return plan.principals.deferred().subscribeAsCompletionStage().thenCompose(
                    resolved -> (CompletionStage<Object>) reactive(plan, plan.key(arguments, resolved), context));
        }
        throw new BlockingOperationNotAllowedException("The caller of " + plan.group + " is not authenticated yet and "
                + "authenticating would block this I/O thread: return a Uni, or call the method on a worker thread");
    }

    private Object coalesce(MethodPlan plan, FlightKey key, InvocationContext context) throws Exception {
        // The cluster tier (for CLUSTER-scoped methods) wraps only the local leader's call.
        return plan.kind == MethodPlan.Kind.SYNC
                ? methods.coalescer().execute(key, plan.options, cluster.sync(context, key, context::proceed))
                : reactive(plan, key, context);
    }

    @SuppressWarnings("unchecked")
    private Object reactive(MethodPlan plan, FlightKey key, InvocationContext context) {
        return plan.kind == MethodPlan.Kind.UNI
                ? methods.coalescer().executeUni(key, plan.options,
                        cluster.uni(context, key, () -> (Uni<Object>) proceed(context)))
                : methods.coalescer().executeAsync(key, plan.options,
                        cluster.stage(context, key, () -> (CompletionStage<Object>) proceed(context)));
    }

    /**
     * Runs the method for a reactive flight. The engine's supplier cannot declare checked exceptions, so one thrown
     * while building the Uni or stage is rethrown unwrapped: the engine turns it into a failure, unchanged.
     */
    private static Object proceed(InvocationContext context) {
        try {
            return context.proceed();
        } catch (Exception e) {
            throw CoalesceInterceptor.<RuntimeException> unchecked(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E unchecked(Exception e) throws E {
        throw (E) e;
    }
}
