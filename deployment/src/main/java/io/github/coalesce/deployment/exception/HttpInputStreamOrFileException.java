package io.github.coalesce.deployment.exception;

import org.jboss.jandex.MethodInfo;

/**
 * A {@code @CoalesceRequests} endpoint whose response cannot be collapsed: an InputStream or a File is streamed without a
 * bounded copy (return a byte[] or a String).
 */
public class HttpInputStreamOrFileException extends CoalesceDefinitionException {

    public HttpInputStreamOrFileException(MethodInfo method) {
        super("@CoalesceRequests is not allowed on this endpoint: an InputStream or a File is streamed without a bounded copy (return a byte[] or a String)",
                method);
    }
}
