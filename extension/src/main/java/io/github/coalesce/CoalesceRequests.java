package io.github.coalesce;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Request collapsing for a REST endpoint (Quarkus REST): concurrent identical {@code GET} requests run the resource
 * method once, and every request that arrived while it ran (a follower) receives its own copy of the leader's
 * response: status, headers and body. {@code HEAD} requests may join a {@code GET} flight.
 * <p>
 * Unlike {@link Coalesce} on a resource method, which shares only the return value, the key covers the request itself
 * (method, scheme, authority, normalised path, query, the resource method, {@code quarkus.coalesce.http.key.headers})
 * and the caller's identity, and what must never be shared ({@code Set-Cookie}, private or uncacheable responses,
 * {@code Date}, CORS and hop-by-hop headers) is not: such followers run the method themselves, concurrently.
 * <p>
 * On a class, it covers every resource method of the class. Methods returning a stream ({@code Multi}, server-sent
 * events, {@code StreamingOutput}, {@code InputStream}, {@code File}) are rejected at build time.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface CoalesceRequests {

    /**
     * Whether the caller's identity is part of the key. {@link Identity#DEFAULT} uses
     * {@code quarkus.coalesce.http.identity}.
     */
    Identity identity() default Identity.DEFAULT;

    /** How the caller's identity takes part in request collapsing. */
    enum Identity {
        /** Use {@code quarkus.coalesce.http.identity}. */
        DEFAULT,
        /**
         * The principal's name is part of the key, so users never share a response; anonymous requests share among
         * themselves, and a request carrying {@code Authorization} or {@code Cookie} that the application does not
         * recognise as an identity is never collapsed.
         */
        PRINCIPAL,
        /**
         * The identity is not part of the key: for public endpoints whose response is the same for everyone. Access
         * checks ({@code @RolesAllowed}) still run for every request, followers included.
         */
        IGNORE
    }
}
