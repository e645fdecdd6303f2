package io.github.coalesce.deployment.http;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.github.coalesce.CoalesceRequests;
import io.github.coalesce.runtime.http.HttpCollapsing;
import io.smallrye.mutiny.Uni;

/** Endpoints whose executions the tests count; each holds its leader until the expected followers are parked. */
@Path("/c")
public class CollapsedResource {

    static final Map<String, AtomicInteger> EXECUTIONS = new ConcurrentHashMap<>();
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MAX_RUNNING = new AtomicInteger();
    static volatile CountDownLatch release = new CountDownLatch(0);

    @Inject
    HttpCollapsing collapsing;

    static int executions(String name) {
        return EXECUTIONS.computeIfAbsent(name, n -> new AtomicInteger()).get();
    }

    static void reset() {
        EXECUTIONS.clear();
        MAX_RUNNING.set(0);
    }

    private int execute(String name, String path, int followers) {
        int execution = EXECUTIONS.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        MAX_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        try {
            if (execution == 1 && followers > 0) {
                Gate.awaitWaiting(collapsing, path, followers);
            } else {
                // Later executions overlap a little, so that running them one after another would show.
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            RUNNING.decrementAndGet();
        }
        return execution;
    }

    @GET
    @Path("slow")
    @CoalesceRequests
    @Produces(MediaType.TEXT_PLAIN)
    public String slow(@QueryParam("followers") int followers) {
        int execution = execute("slow", "/c/slow", followers);
        // Unique per execution, and long enough to span several writes.
        return ("execution " + execution + " " + UUID.randomUUID() + "\n").repeat(2000);
    }

    @GET
    @Path("cookie")
    @CoalesceRequests
    @Produces(MediaType.TEXT_PLAIN)
    public Response cookie(@QueryParam("followers") int followers) {
        execute("cookie", "/c/cookie", followers);
        String session = UUID.randomUUID().toString();
        return Response.ok("your session is " + session).cookie(new NewCookie.Builder("session").value(session).build())
                .build();
    }

    @GET
    @Path("fail")
    @CoalesceRequests
    @Produces(MediaType.TEXT_PLAIN)
    public String fail(@QueryParam("followers") int followers) {
        if (execute("fail", "/c/fail", followers) == 1) {
            throw new IllegalStateException("the leader fails");
        }
        return "recovered";
    }

    @GET
    @Path("missing")
    @CoalesceRequests
    @Produces(MediaType.TEXT_PLAIN)
    public Response missing(@QueryParam("followers") int followers) {
        int execution = execute("missing", "/c/missing", followers);
        return Response.status(404).entity("no such post (execution " + execution + ")").build();
    }

    @GET
    @Path("negotiated")
    @CoalesceRequests
    @Produces({ MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML })
    public String negotiated(@QueryParam("followers") int followers, @HeaderParam("Accept") String accept) {
        int execution = execute("negotiated", "/c/negotiated", followers);
        return accept.contains("json") ? "{\"execution\":" + execution + "}" : "<execution>" + execution + "</execution>";
    }

    @GET
    @Path("big")
    @CoalesceRequests
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public byte[] big(@QueryParam("followers") int followers) {
        execute("big", "/c/big", followers);
        byte[] body = new byte[2 * 1024 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + (i >> 8));
        }
        return body;
    }

    @GET
    @Path("held")
    @CoalesceRequests
    @Produces(MediaType.TEXT_PLAIN)
    public String held() throws InterruptedException {
        int execution = EXECUTIONS.computeIfAbsent("held", n -> new AtomicInteger()).incrementAndGet();
        if (execution == 1) {
            release.await(10, TimeUnit.SECONDS);
        }
        return "held " + execution;
    }

    @POST
    @Path("post")
    @CoalesceRequests
    @Produces(MediaType.TEXT_PLAIN)
    public String post(String body) {
        execute("post", "/c/post", 0);
        return "posted";
    }

    @GET
    @Path("reactive")
    @CoalesceRequests
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> reactive() {
        int execution = EXECUTIONS.computeIfAbsent("reactive", n -> new AtomicInteger()).incrementAndGet();
        return Uni.createFrom().item("reactive " + execution).onItem().delayIt().by(Duration.ofMillis(1500));
    }

    @GET
    @Path("plain")
    @Produces(MediaType.TEXT_PLAIN)
    public String plain() {
        EXECUTIONS.computeIfAbsent("plain", n -> new AtomicInteger()).incrementAndGet();
        return "not selected";
    }
}
