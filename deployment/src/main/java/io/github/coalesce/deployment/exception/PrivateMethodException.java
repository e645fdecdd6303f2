package io.github.coalesce.deployment.exception;

import org.jboss.jandex.MethodInfo;

/** Private methods are never intercepted, so {@code @Coalesce} on one would silently do nothing. */
public class PrivateMethodException extends CoalesceDefinitionException {

    public PrivateMethodException(MethodInfo method) {
        super("@Coalesce is not allowed on a private method: it would never be intercepted", method);
    }
}
