package io.github.coalesce.deployment.exception;

import org.jboss.jandex.MethodInfo;

/**
 * A {@code @CoalesceRequests} endpoint whose response cannot be collapsed: server-sent events stream forever, there is no
 * finished response to share.
 */
public class HttpServerSentEventsException extends CoalesceDefinitionException {

    public HttpServerSentEventsException(MethodInfo method) {
        super("@CoalesceRequests is not allowed on this endpoint: server-sent events stream forever, there is no finished response to share",
                method);
    }
}
