package io.github.coalesce;

import java.lang.reflect.Method;

/**
 * Computes the flight key of a {@link Coalesce} method call. Implementations must be thread-safe and fast: they run
 * on every call, before the caller knows whether it leads or follows.
 */
public interface CoalesceKeyGenerator {

    /**
     * @param method the intercepted method
     * @param arguments the arguments of this call
     * @return the key; calls with equal keys share one execution
     */
    Object generate(Method method, Object... arguments);
}
