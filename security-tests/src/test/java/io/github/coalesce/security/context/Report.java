package io.github.coalesce.security.context;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.MDC;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** What the running code sees of its caller's context, as one line. */
@ApplicationScoped
public class Report {

    @Inject
    CallerTag tag;

    @Inject
    SecurityIdentity identity;

    static String expected(String user, String tag) {
        return "context=own local=" + tag + " mdc=" + tag + " bean=" + tag + " user=" + user;
    }

    /** @param startedOn the Vert.x context the caller started on */
    String here(Context startedOn) {
        Context now = Vertx.currentContext();
        boolean requestActive = Arc.container().requestContext().isActive();
        return "context=" + (now != null && now == startedOn ? "own" : String.valueOf(now))
                + " local=" + (now == null ? "none" : now.getLocal("tag"))
                + " mdc=" + MDC.get("tag")
                + " bean=" + (requestActive ? tag.value() : "no-request-context")
                + " user=" + (requestActive ? identity.getPrincipal().getName() : "no-request-context");
    }

    /** Like {@link #here(Context)} for the caller whose request-scoped bean holds where it started. */
    String here() {
        boolean requestActive = Arc.container().requestContext().isActive();
        return requestActive ? here(tag.vertx()) : here(null);
    }
}
