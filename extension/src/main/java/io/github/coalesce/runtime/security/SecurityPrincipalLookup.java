package io.github.coalesce.runtime.security;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.github.coalesce.runtime.FlightKey;
import io.github.coalesce.runtime.PrincipalLookup;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The principal of the current {@link SecurityIdentity}, registered only when the application has Quarkus Security.
 * Outside a request there is no caller: such calls share the anonymous scope, as Quarkus Security treats them.
 * <p>
 * Internal: not part of the public API.
 */
@Singleton
public class SecurityPrincipalLookup implements PrincipalLookup {

    private static final Uni<String> ANONYMOUS = Uni.createFrom().item(FlightKey.ANONYMOUS);

    /** Request scoped: the client proxy finds the current request's association. */
    @Inject
    CurrentIdentityAssociation association;

    private ManagedContext requestContext;

    @PostConstruct
    void init() {
        requestContext = Arc.container().requestContext();
    }

    @Override
    public String current() {
        if (!requestContext.isActive()) {
            return FlightKey.ANONYMOUS;
        }
        if (BlockingOperationControl.isBlockingAllowed()) {
            return nameOf(association.getIdentity());
        }
        // On an I/O thread getIdentity() throws while lazy authentication is pending; the deferred identity emits at
        // once when it is already resolved, which is the common case (proactive authentication).
        Object[] resolved = new Object[1];
        association.getDeferredIdentity().subscribe().with(identity -> resolved[0] = nameOf(identity),
                failure -> resolved[0] = failure);
        if (resolved[0] instanceof RuntimeException failure) {
            throw failure; // authentication failed: the caller gets Quarkus Security's own exception
        }
        return resolved[0] instanceof String name ? name : null;
    }

    @Override
    public Uni<String> deferred() {
        if (!requestContext.isActive()) {
            return ANONYMOUS;
        }
        return association.getDeferredIdentity().map(SecurityPrincipalLookup::nameOf);
    }

    private static String nameOf(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? FlightKey.ANONYMOUS : identity.getPrincipal().getName();
    }
}
