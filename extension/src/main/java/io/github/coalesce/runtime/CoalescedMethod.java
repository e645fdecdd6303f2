package io.github.coalesce.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Added at build time to every {@code @Coalesce} method, carrying what the build step computed so the interceptor
 * never inspects parameter annotations by reflection. Not for application code.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface CoalescedMethod {

    /** The flight group: {@code @Coalesce#name()}, or {@code declaring.Class#method(ParamType,…)}. */
    @Nonbinding
    String group();

    /** Positions of the {@code @CoalesceKey} parameters; empty means every parameter is part of the key. */
    @Nonbinding
    short[] keyParameters() default {};

    /**
     * Whether the caller's principal is part of the key: the application has Quarkus Security and the method does
     * not say {@code shareAcrossPrincipals = true}. Decided at build time, so an unscoped method never looks it up.
     */
    @Nonbinding
    boolean principalScoped() default false;

    /** Whether calls share executions across instances ({@code @Coalesce(scope = CLUSTER)}). */
    @Nonbinding
    boolean cluster() default false;

    /**
     * The result type as Jackson's canonical type name ({@code java.util.List<com.example.Post>}), the
     * {@code Uni}/{@code CompletionStage} unwrapped; set for cluster-scoped methods only.
     */
    @Nonbinding
    String resultType() default "";
}
