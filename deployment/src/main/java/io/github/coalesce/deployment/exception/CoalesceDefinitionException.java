package io.github.coalesce.deployment.exception;

import org.jboss.jandex.MethodInfo;

/** A {@code @Coalesce} method that breaks one of the rules checked at build time. */
public abstract class CoalesceDefinitionException extends RuntimeException {

    private final MethodInfo method;

    protected CoalesceDefinitionException(String rule, MethodInfo method) {
        super(rule + " [class=" + method.declaringClass().name() + ", method=" + method.name() + "]");
        this.method = method;
    }

    public MethodInfo getMethod() {
        return method;
    }
}
