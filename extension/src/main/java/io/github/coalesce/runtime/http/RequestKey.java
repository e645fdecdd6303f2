package io.github.coalesce.runtime.http;

import java.util.List;

/**
 * What makes two requests identical for request collapsing. {@code principal} follows the project's rule for flight
 * keys: {@code null} when the identity is not part of the key, {@code ""} for anonymous callers, otherwise the
 * principal's name. {@code HEAD} requests look for the {@code GET} flight, so {@code method} is always the method of
 * the leader.
 * <p>
 * Internal: not part of the public API.
 *
 * @param method the HTTP method of the leader's request
 * @param scheme {@code http} or {@code https}
 * @param authority host and port as the client sent them
 * @param path the normalised request path
 * @param query the raw query, sorted when configured, or {@code ""}
 * @param endpoint the resource method, {@code Class#method}
 * @param headers the values of the key headers, in the configured order ({@code null} when absent)
 * @param principal the identity scope, see above
 */
public record RequestKey(String method, String scheme, String authority, String path, String query, String endpoint,
        List<String> headers, String principal) {

    /** Never the key's content in logs or headers: it holds header values and the principal's name. */
    @Override
    public String toString() {
        return method + " " + path + " (" + endpoint + ")";
    }
}
