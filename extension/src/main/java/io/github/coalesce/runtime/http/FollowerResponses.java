package io.github.coalesce.runtime.http;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The responses a follower is sent: its own copy of the leader's, or the {@code 504} of a follower that waited too
 * long. {@code Date} is this response's own, and {@code Content-Length} is computed from the body it carries.
 * <p>
 * Internal: not part of the public API.
 */
final class FollowerResponses {

    static final String CACHE_STATUS = "Cache-Status";
    /** IMF-fixdate (RFC 9110 section 5.6.7). */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private FollowerResponses() {
    }

    static Response copy(CapturedResponse captured, boolean head, boolean cacheStatus) {
        Response.ResponseBuilder response = Response.status(captured.status());
        for (Map.Entry<String, String> header : captured.headers()) {
            response.header(header.getKey(), header.getValue());
        }
        response.header("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        if (cacheStatus) {
            response.header(CACHE_STATUS, SharingRules.CACHE_NAME + "; fwd=uri-miss; collapsed");
        }
        // The body is whole, so its length is known: a HEAD follower gets the length of the GET response it joined.
        response.header("Content-Length", String.valueOf(captured.length()));
        if (!head && captured.length() > 0) {
            response.entity(captured.body());
        }
        return response.build();
    }

    static Response gatewayTimeout(HttpCollapsingConfig config) {
        return Response.status(Response.Status.GATEWAY_TIMEOUT)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(CACHE_STATUS, SharingRules.CACHE_NAME + "; fwd=uri-miss; collapsed=?0; detail=max-wait")
                .entity("{\"error\":\"The identical request this one joined did not answer within "
                        + "quarkus.coalesce.http.max-wait\",\"maxWait\":\"" + config.maxWait() + "\"}")
                .build();
    }
}
