package io.github.coalesce.deployment.exception;

import org.jboss.jandex.MethodInfo;

/** A {@code void} method has no result to share. */
public class VoidReturnTypeException extends CoalesceDefinitionException {

    public VoidReturnTypeException(MethodInfo method) {
        super("@Coalesce is not allowed on a method returning void: there is no result to share", method);
    }
}
