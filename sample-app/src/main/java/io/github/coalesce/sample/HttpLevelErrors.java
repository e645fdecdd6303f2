package io.github.coalesce.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Errors answered before a request reaches a resource, as JSON like every other error of the app: a request whose
 * declared body is larger than {@code quarkus.http.limits.max-body-size} gets a 413 naming the limit (Quarkus' own
 * check, which runs right after this one, would answer an empty 413). A chunked body that grows past the limit is
 * still cut off by Quarkus while it is read (413, connection closed). A request target that cannot be %-decoded gets a
 * 400 naming the part at fault (the path, or the query parameter): the query from the route below, the path from
 * the router's error handler, as Vert.x Web fails such a path while routing, before any route runs (this needs
 * Quarkus' own URI check off, see {@link BlogMain}). A request line that is not HTTP at all (a raw space in the target)
 * is refused by Vert.x before any router runs: an empty 400, and the connection closed.
 */
@ApplicationScoped
public class HttpLevelErrors {

    /** Right before Quarkus' upload limit ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}, -2). */
    static final int ORDER = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(ORDER).handler(context -> {
            InvalidTarget invalid = InvalidTarget.find(context.request().uri());
            if (invalid != null) {
                invalid.answer(context);
                return;
            }
            String declared = context.request().getHeader("Content-Length");
            if (declared != null && exceeds(declared, limit)) {
                String body = new JsonObject().put("status", 413).put("error", "Request Entity Too Large")
                        .put("message", "the body must be at most " + limit + " bytes (quarkus.http.limits"
                                + ".max-body-size)")
                        .putNull("field").encode();
                context.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .putHeader("Connection", "close").end(body);
                return;
            }
            context.next();
        });
        router.errorHandler(400, context -> {
            InvalidTarget invalid = InvalidTarget.find(context.request().uri());
            (invalid != null ? invalid : InvalidTarget.unreadable(context.failure())).answer(context);
        });
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed Content-Length itself
        }
    }
}
