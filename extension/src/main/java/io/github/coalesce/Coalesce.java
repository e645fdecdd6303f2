package io.github.coalesce;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Concurrent calls of the annotated method with the same key share one execution: the first caller (the leader) runs
 * the method, the callers that arrive while it runs (the followers) wait for it and all get its result or its
 * exception. Nothing is remembered once the execution finishes: the next call runs the method again.
 * <p>
 * The key is formed from the parameters annotated with {@link CoalesceKey}, or from all parameters when none is
 * annotated, or by the {@link #keyGenerator()}. Flights of different methods never mix unless they name the same
 * {@link #name()}. With Quarkus Security, flights never mix callers with different principals either, unless
 * {@link #shareAcrossPrincipals()} says they may.
 * <p>
 * Supported return types: any synchronous type, {@code Uni} (coalesced at subscription) and {@code CompletionStage}.
 * {@code void}, {@code Multi} and {@code private} methods are rejected at build time.
 * <p>
 * Interceptor order: inside {@code @CacheResult} (so a cache hit never starts a flight) and outside SmallRye Fault
 * Tolerance (so a retry happens once, inside the leader's call).
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface Coalesce {

    /**
     * The name of the flight group. Methods sharing a name share flights for equal keys; the empty default means
     * one group per method, named {@code declaring.Class#method}.
     */
    @Nonbinding
    String name() default "";

    /**
     * How long a follower waits for the leader before giving up, as a duration ({@code 500ms}, {@code 2s},
     * {@code PT1M}). The empty default uses {@code quarkus.coalesce.max-wait}.
     */
    @Nonbinding
    String maxWait() default "";

    /**
     * What a follower does once it has waited {@link #maxWait()}: fail with {@link CoalesceTimeoutException}, or
     * run the call itself. The leader and the other followers are never affected.
     */
    @Nonbinding
    OnMaxWait onMaxWait() default OnMaxWait.DEFAULT;

    /**
     * A flight older than this is treated as stuck and detached: new callers start a new flight while the old one
     * finishes for its own waiters. The empty default uses {@code quarkus.coalesce.max-age}.
     */
    @Nonbinding
    String maxAge() default "";

    /**
     * Computes the key from the method and its arguments instead of the parameters. Must not be combined with
     * {@link CoalesceKey}. A CDI bean of that type is used if one exists; otherwise the class is instantiated once
     * through its public no-argument constructor.
     */
    @Nonbinding
    Class<? extends CoalesceKeyGenerator> keyGenerator() default CoalesceKeyGenerator.class;

    /**
     * Where calls share an execution: within this instance ({@link Scope#LOCAL}), or across every instance on the same
     * Redis ({@link Scope#CLUSTER}, which needs the {@code quarkus-redis-client} extension and a result type Jackson
     * can read back). The default uses {@code quarkus.coalesce.cluster.default-scope}.
     */
    @Nonbinding
    Scope scope() default Scope.DEFAULT;

    /** Where calls share an execution. */
    enum Scope {
        /** Use {@code quarkus.coalesce.cluster.default-scope} ({@code local} unless set). */
        DEFAULT,
        /** One execution per key within this instance. */
        LOCAL,
        /**
         * One execution per key across instances: the local leader takes a lease in Redis, followers on other
         * instances wait for its result (as JSON). Redis being away turns the call local-only.
         */
        CLUSTER
    }

    /**
     * Whether callers with different identities may share a flight. When the application has Quarkus Security, the
     * name of the caller's principal is part of the key by default (anonymous callers share one scope), so a result
     * that depends on who asks never reaches another user. Set this to {@code true} only for results that are the
     * same for everyone (site-wide metadata, a public post): then one execution serves all users. Without Quarkus
     * Security there is no identity to scope by and this setting changes nothing.
     */
    @Nonbinding
    boolean shareAcrossPrincipals() default false;

    /** What a follower does after waiting longer than the maximum wait. */
    enum OnMaxWait {
        /** Use {@code quarkus.coalesce.on-max-wait}. */
        DEFAULT,
        /** Throw {@link CoalesceTimeoutException}. */
        FAIL,
        /** Run the call itself, outside any flight. */
        RUN
    }
}
