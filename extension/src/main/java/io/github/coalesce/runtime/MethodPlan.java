package io.github.coalesce.runtime;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;

import io.github.coalesce.CoalesceKeyGenerator;
import io.github.coalesce.FlightOptions;
import io.smallrye.mutiny.Uni;

/**
 * Everything the interceptor needs to coalesce calls of one method, resolved once on its first call: how to compute
 * the key, which engine entry point matches the return type, and the flight options.
 */
final class MethodPlan {

    enum Kind {
        /** Not coalesced: a void or stream method covered only by a class-level {@code @Coalesce}. */
        PASS_THROUGH,
        SYNC,
        UNI,
        STAGE
    }

    private static final Object NO_ARGUMENTS = new Object() {
        @Override
        public String toString() {
            return "no arguments";
        }
    };

    final Method method;
    final String group;
    final Kind kind;
    final FlightOptions options;
    final CoalesceStats stats;
    /** Reads the caller's principal; {@code null} when the method is not principal-scoped. */
    final PrincipalLookup principals;
    private final short[] keyParameters;
    private final CoalesceKeyGenerator keyGenerator;

    MethodPlan(Method method, String group, short[] keyParameters, CoalesceKeyGenerator keyGenerator,
            FlightOptions options, CoalesceStats stats, PrincipalLookup principals) {
        this(method, group, keyParameters, keyGenerator, options, stats, principals, kindOf(method.getReturnType()));
    }

    private MethodPlan(Method method, String group, short[] keyParameters, CoalesceKeyGenerator keyGenerator,
            FlightOptions options, CoalesceStats stats, PrincipalLookup principals, Kind kind) {
        this.principals = principals;
        this.method = method;
        this.group = group;
        this.keyParameters = keyParameters;
        this.keyGenerator = keyGenerator;
        this.options = options;
        this.stats = stats;
        this.kind = kind;
    }

    static MethodPlan passThrough(Method method) {
        return new MethodPlan(method, null, new short[0], null, FlightOptions.DEFAULTS, null, null,
                Kind.PASS_THROUGH);
    }

    /**
     * @param principal the caller's principal scope, {@code null} when the method is not principal-scoped
     * @return the flight key of a call with these arguments
     */
    FlightKey key(Object[] arguments, String principal) {
        return new FlightKey(group, userKey(arguments), principal);
    }

    private Object userKey(Object[] arguments) {
        if (keyGenerator != null) {
            return keyGenerator.generate(method, arguments);
        }
        if (keyParameters.length == 0) {
            return switch (arguments.length) {
                case 0 -> NO_ARGUMENTS;
                case 1 -> arguments[0];
                default -> arguments.clone();
            };
        }
        if (keyParameters.length == 1) {
            return arguments[keyParameters[0]];
        }
        Object[] parts = new Object[keyParameters.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = arguments[keyParameters[i]];
        }
        return parts;
    }

    private static Kind kindOf(Class<?> returnType) {
        if (Uni.class.isAssignableFrom(returnType)) {
            return Kind.UNI;
        }
        if (CompletionStage.class.isAssignableFrom(returnType)) {
            return Kind.STAGE;
        }
        return Kind.SYNC;
    }
}
