package io.github.coalesce.deployment.http;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import io.github.coalesce.CoalesceRequests;
import io.github.coalesce.runtime.http.HttpCollapsing;

@Path("/s")
public class SecuredResource {

    static final AtomicInteger WHOAMI = new AtomicInteger();
    static final AtomicInteger SECRET = new AtomicInteger();
    static volatile CountDownLatch release = new CountDownLatch(0);

    @Inject
    HttpCollapsing collapsing;

    @GET
    @Path("whoami")
    @PermitAll
    @CoalesceRequests
    public String whoami(@QueryParam("followers") int followers, @Context SecurityContext security) {
        String name = security.getUserPrincipal() == null ? "" : security.getUserPrincipal().getName();
        if (WHOAMI.incrementAndGet() <= 3) {
            Gate.awaitWaiting(collapsing, "/s/whoami", name, followers);
        }
        return "hello " + (name.isEmpty() ? "anonymous" : name);
    }

    @GET
    @Path("secret")
    @RolesAllowed("admin")
    @CoalesceRequests(identity = CoalesceRequests.Identity.IGNORE)
    public String secret() throws InterruptedException {
        SECRET.incrementAndGet();
        release.await(10, TimeUnit.SECONDS);
        return "the secret";
    }
}
