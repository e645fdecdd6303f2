package io.github.coalesce.runtime.views;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.Viewers;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the viewer from the current HTTP request: the authenticated principal, else the client address (which
 * honours {@code quarkus.http.proxy.*} forwarding settings), and the User-Agent. Registered only when the application
 * serves HTTP.
 */
@Singleton
public class HttpViewerSource implements ViewerSource {

    @Inject
    CurrentVertxRequest request;

    @Override
    public ViewCounter.Viewer get(boolean withId) {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        RoutingContext context = request.getCurrent();
        if (context == null) {
            return null;
        }
        return new ViewCounter.Viewer(withId ? viewerId(context) : null, context.request().getHeader("User-Agent"));
    }

    private static String viewerId(RoutingContext context) {
        if (context.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return Viewers.signedIn(user.getSecurityIdentity().getPrincipal().getName());
        }
        return context.request().remoteAddress() == null ? null
                : Viewers.address(context.request().remoteAddress().host());
    }
}
