package io.github.coalesce.sample;

import io.vertx.core.VertxException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Why a request target cannot be read: the part at fault ({@code path}, the name of a query parameter, or
 * {@code query} when a parameter's own name cannot be decoded) and a message quoting at most a short, escaped excerpt.
 */
record InvalidTarget(String field, String message) {

    private static final int EXCERPT = 40;
    private static final String BAD_ESCAPE = "has a '%' not followed by two hexadecimal digits: '";

    /** @return what cannot be %-decoded in the target, or null when all of it can */
    static InvalidTarget find(String uri) {
        String target = uri == null ? "" : uri;
        if (target.indexOf('%') < 0) {
            return null; // every request passes here: most have nothing to decode
        }
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        if (!decodable(path)) {
            return new InvalidTarget("path", "the path " + BAD_ESCAPE + excerpt(path) + "'");
        }
        if (query < 0) {
            return null;
        }
        for (String parameter : target.substring(query + 1).split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            if (!decodable(name)) {
                return new InvalidTarget("query", "a query parameter's name " + BAD_ESCAPE + excerpt(name) + "'");
            }
            if (!decodable(value)) {
                return new InvalidTarget(name, name + " " + BAD_ESCAPE + excerpt(value) + "'");
            }
        }
        return null;
    }

    /** Any other 400 Vert.x Web raised while routing: its own message, which names no class. */
    static InvalidTarget unreadable(Throwable failure) {
        return new InvalidTarget(null, failure instanceof VertxException && failure.getMessage() != null
                ? failure.getMessage()
                : "the request cannot be read");
    }

    void answer(RoutingContext context) {
        String body = new JsonObject().put("status", 400).put("error", "Bad Request").put("message", message)
                .put("field", field).encode();
        context.response().setStatusCode(400).putHeader("Content-Type", "application/json").end(body);
    }

    private static boolean decodable(String raw) {
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                    || Character.digit(raw.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String excerpt(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(raw.length(), EXCERPT); i++) {
            char c = raw.charAt(i);
            out.append(c < ' ' || c >= 0x7f || c == '\\' || c == '\'' ? String.format("\\u%04x", (int) c) : c);
        }
        return raw.length() > EXCERPT ? out.append("...").toString() : out.toString();
    }
}
