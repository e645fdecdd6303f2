package io.github.coalesce.security.context;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.vertx.core.Vertx;

/**
 * Gives each request its own tag in the three places a caller's context lives: the MDC, the Vert.x context's local
 * data and a request-scoped bean. The response filter sends back what it sees there, and what the caller wrote.
 */
public class TagFilters {

    static final String TAG = "X-Tag";
    static final String WROTE = "X-Wrote";
    static final String SEEN = "X-Seen";
    static final String STARTED_ON = "started-on";

    @Inject
    Report report;

    @Inject
    CallerTag tag;

    /** Before the collapsing filter (USER + 1000): a follower has its own context before it parks. */
    @ServerRequestFilter
    public void tag(ContainerRequestContext request) {
        String value = request.getHeaderString(TAG);
        MDC.put("tag", value);
        Vertx.currentContext().putLocal("tag", value);
        tag.set(value, Vertx.currentContext());
        request.setProperty(STARTED_ON, Vertx.currentContext());
    }

    @ServerResponseFilter
    public void seen(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(SEEN, report.here((io.vertx.core.Context) request.getProperty(STARTED_ON)));
        Object wrote = Vertx.currentContext().getLocal("wrote");
        if (wrote != null) {
            response.getHeaders().putSingle(WROTE, wrote);
        } else {
            response.getHeaders().remove(WROTE);
        }
    }
}
