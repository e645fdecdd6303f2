package io.github.coalesce.security.context;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.github.coalesce.CoalesceRequests;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Each endpoint notes the Vert.x context it started on, calls the shared work, then reports where it resumed. */
@Path("/ctx")
public class ContextResource {

    @Inject
    SharedWork work;

    @Inject
    Report report;

    @GET
    @Path("uni/{id}")
    public Uni<String> uni(@PathParam("id") String id, @HeaderParam(TagFilters.TAG) String tag) {
        Context mine = Vertx.currentContext();
        return work.uni(id).map(result -> resumed(result, mine, tag));
    }

    /** A blocking endpoint: it runs on a worker thread, and must resume off its event loop. */
    @GET
    @Path("uni-blocking/{id}")
    @Blocking
    public String uniBlocking(@PathParam("id") String id, @HeaderParam(TagFilters.TAG) String tag) {
        Context mine = Vertx.currentContext();
        return work.uni(id)
                .map(result -> resumed(result, mine, tag) + " off the event loop: " + !Context.isOnEventLoopThread())
                .await().atMost(Duration.ofSeconds(10));
    }

    /** A blocking follower of a flight with a max wait: its own call must run although every worker waits. */
    @GET
    @Path("uni-run-blocking/{id}")
    @Blocking
    public String uniRunBlocking(@PathParam("id") String id, @HeaderParam(TagFilters.TAG) String tag) {
        Context mine = Vertx.currentContext();
        return work.uniRun(id)
                .map(result -> resumed(result, mine, tag) + " off the event loop: " + !Context.isOnEventLoopThread())
                .await().atMost(Duration.ofSeconds(10));
    }

    @GET
    @Path("stage/{id}")
    public CompletionStage<String> stage(@PathParam("id") String id, @HeaderParam(TagFilters.TAG) String tag) {
        Context mine = Vertx.currentContext();
        return work.stage(id).thenApply(result -> resumed(result, mine, tag));
    }

    @GET
    @Path("uni-run/{id}")
    public Uni<String> uniRun(@PathParam("id") String id, @HeaderParam(TagFilters.TAG) String tag) {
        Context mine = Vertx.currentContext();
        return work.uniRun(id).map(result -> resumed(result, mine, tag));
    }

    @GET
    @Path("stage-run/{id}")
    public CompletionStage<String> stageRun(@PathParam("id") String id, @HeaderParam(TagFilters.TAG) String tag) {
        Context mine = Vertx.currentContext();
        return work.stageRun(id).thenApply(result -> resumed(result, mine, tag));
    }

    @GET
    @Path("http/shared")
    @CoalesceRequests(identity = CoalesceRequests.Identity.IGNORE)
    public Uni<String> httpShared() {
        return work.http("http shared: ");
    }

    @GET
    @Path("http/alone")
    @CoalesceRequests(identity = CoalesceRequests.Identity.IGNORE)
    public Uni<String> httpAlone() {
        return work.http("http alone: ");
    }

    /** What the caller sees once it has the result; it writes its tag where its response filter will look. */
    private String resumed(String result, Context mine, String tag) {
        String seen = report.here(mine);
        Context now = Vertx.currentContext();
        if (now != null) {
            now.putLocal("wrote", tag);
        }
        return result + " then " + seen;
    }
}
