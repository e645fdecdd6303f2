package io.github.coalesce.deployment.exception;

import org.jboss.jandex.MethodInfo;

/** A stream ({@code Multi}, {@code Publisher}) has no single result to share; coalesce a {@code Uni} instead. */
public class StreamReturnTypeException extends CoalesceDefinitionException {

    public StreamReturnTypeException(MethodInfo method) {
        super("@Coalesce is not allowed on a method returning " + method.returnType().name().withoutPackagePrefix()
                + ": a stream has no single result to share (return a Uni or a CompletionStage)", method);
    }
}
