package io.github.coalesce.deployment.exception;

import org.jboss.jandex.MethodInfo;

/**
 * A {@code @CoalesceRequests} endpoint whose response cannot be collapsed: a StreamingOutput writes past the writer
 * interceptors, so there is no body to copy.
 */
public class HttpStreamingOutputException extends CoalesceDefinitionException {

    public HttpStreamingOutputException(MethodInfo method) {
        super("@CoalesceRequests is not allowed on this endpoint: a StreamingOutput writes past the writer interceptors, so there is no body to copy",
                method);
    }
}
