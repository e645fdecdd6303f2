package io.github.coalesce.deployment.exception;

import org.jboss.jandex.MethodInfo;

/**
 * A {@code @CoalesceRequests} endpoint whose response cannot be collapsed: a Multi or Publisher is a stream of items, not one
 * response to share.
 */
public class HttpStreamReturnTypeException extends CoalesceDefinitionException {

    public HttpStreamReturnTypeException(MethodInfo method) {
        super("@CoalesceRequests is not allowed on this endpoint: a Multi or Publisher is a stream of items, not one response to share",
                method);
    }
}
