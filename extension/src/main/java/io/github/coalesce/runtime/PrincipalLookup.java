package io.github.coalesce.runtime;

import io.smallrye.mutiny.Uni;

/**
 * Reads the name of the caller's principal for principal-scoped flights. A bean of this type exists only when the
 * application has Quarkus Security; without it no method is principal-scoped and nothing is ever looked up.
 * <p>
 * Internal: not part of the public API.
 */
public interface PrincipalLookup {

    /**
     * @return the principal's name, {@link FlightKey#ANONYMOUS} for an anonymous caller or outside a request, or
     *         {@code null} when the identity is not resolved yet and resolving it here would block (lazy
     *         authentication on an I/O thread)
     */
    String current();

    /** @return the principal's name (as {@link #current()}) once the identity is resolved, without blocking */
    Uni<String> deferred();
}
