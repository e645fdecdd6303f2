package io.github.coalesce.runtime.http;

import java.security.Principal;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;

import io.github.coalesce.runtime.http.RequestFlights.Flight;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Elects the leader of a flight or parks the follower. Runs after matching and after the security checks
 * ({@code @RolesAllowed}, {@code @PermissionsAllowed}), so every follower has passed them itself. A follower is
 * suspended, never blocked: no thread waits for the leader, and it resumes on its own context, either answered from
 * the leader's response or to run the resource method itself.
 * <p>
 * Internal: not part of the public API.
 */
public class CollapsingRequestFilter implements ResteasyReactiveContainerRequestFilter {

    /** Request property: the {@link LeaderCapture} of a leader. */
    static final String LEADER = "io.github.coalesce.http.leader";
    /** Request property: the Vert.x response of a follower that is answered from the leader's response. */
    static final String ANSWERED = "io.github.coalesce.http.answered";
    /** Request property: why a follower runs the method itself. */
    static final String RAN_ANEW = "io.github.coalesce.http.ran-anew";

    @Inject
    HttpCollapsing collapsing;

    @Override
    public void filter(ResteasyReactiveContainerRequestContext context) {
        if (!collapsing.config().enabled()) {
            return;
        }
        ResteasyReactiveRequestContext rest = (ResteasyReactiveRequestContext) context.getServerRequestContext();
        ResteasyReactiveResourceInfo info = rest.getResteasyReactiveResourceInfo();
        // Registered unbound when endpoints are selected by path: every other endpoint passes through here.
        HttpCollapsing.Endpoint endpoint = info == null ? null : collapsing.endpoint(info);
        if (endpoint == null || !endpoint.selected()) {
            return;
        }
        ServerHttpRequest request = rest.serverRequest();
        HttpCollapsingStats.Endpoint counters = collapsing.stats().of(endpoint.name());
        Principal principal = context.getSecurityContext() == null ? null
                : context.getSecurityContext().getUserPrincipal();
        String name = principal == null ? null : principal.getName();
        String method = context.getMethod();
        String ineligible = collapsing.ineligible(request, method, endpoint, name);
        if (ineligible != null) {
            counters.bypassed(ineligible);
            return;
        }
        RequestKey key = collapsing.key(request, endpoint, name);
        RequestFlights.Ticket ticket = collapsing.flights().join(key, method.equals("GET"),
                collapsing.config().maxFollowers(), collapsing.maxAge());
        if (ticket == null) {
            counters.bypassed("head-without-get");
        } else if (ticket instanceof RequestFlights.Lead lead) {
            counters.leaders.increment();
            LeaderCapture capture = new LeaderCapture(collapsing, lead.flight(), request.unwrap(RoutingContext.class));
            context.setProperty(LEADER, capture);
            capture.listen();
        } else if (ticket instanceof RequestFlights.Follow follow) {
            follow(context, rest, follow.flight(), counters, method.equals("HEAD"));
        } else {
            runAnew(context, counters, "max-followers");
        }
    }

    private void follow(ResteasyReactiveContainerRequestContext context, ResteasyReactiveRequestContext rest,
            Flight flight, HttpCollapsingStats.Endpoint counters, boolean head) {
        AtomicBoolean settled = new AtomicBoolean();
        Vertx vertx = collapsing.vertx();
        context.suspend();
        long wait = collapsing.config().maxWait().toMillis();
        long timer = vertx.setTimer(Math.max(1, wait), id -> {
            if (settled.compareAndSet(false, true)) {
                flight.left();
                if (collapsing.config().onMaxWait() == HttpCollapsingConfig.OnMaxWait.FAIL) {
                    counters.ranAnew("max-wait-fail");
                    context.abortWith(FollowerResponses.gatewayTimeout(collapsing.config()));
                } else {
                    runAnew(context, counters, "max-wait");
                    context.resume();
                }
            }
        });
        rest.serverResponse().addCloseHandler(() -> {
            // pingora#798: a follower whose client went away leaves the flight and is not answered.
            if (settled.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                flight.left();
                counters.ranAnew("client-disconnected");
                context.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE).build());
            }
        });
        ServerHttpRequest request = rest.serverRequest();
        flight.outcome().whenComplete((outcome, failure) -> {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            vertx.cancelTimer(timer);
            flight.left();
            if (outcome instanceof Outcome.Shared shared
                    && !collapsing.rules().variesFor(shared.response(), request::getRequestHeader)) {
                counters.followers.increment();
                counters.bytesCopied.add(shared.response().length());
                context.setProperty(ANSWERED, request.unwrap(HttpServerResponse.class));
                context.abortWith(FollowerResponses.copy(shared.response(), head, collapsing.config().cacheStatus()));
            } else {
                runAnew(context, counters, outcome instanceof Outcome.RunAnew again ? again.reason() : "vary");
                context.resume();
            }
        });
    }

    private static void runAnew(ResteasyReactiveContainerRequestContext context, HttpCollapsingStats.Endpoint counters,
            String reason) {
        counters.ranAnew(reason);
        context.setProperty(RAN_ANEW, reason);
    }
}
