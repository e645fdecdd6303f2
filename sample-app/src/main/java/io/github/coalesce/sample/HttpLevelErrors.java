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
 * still cut off by Quarkus while it is read (413, connection closed).
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
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed Content-Length itself
        }
    }
}
