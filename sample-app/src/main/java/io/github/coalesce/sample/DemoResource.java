package io.github.coalesce.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * The "how it works" button: a browser opens at most six connections per site, so it cannot send 50 requests at
 * once; this sends them for it, over loopback HTTP to {@code /metadata}, all at once, and reports which executions
 * served them (named by when each ran, the {@code X-Coalesce-Execution} header).
 */
@Path("/demo")
public class DemoResource {

    static final int MAX_REQUESTS = 200;

    /** The outcome of one burst. */
    public record Burst(int requests, int ok, int executions, Set<String> executionsRanAt, long millis) {
    }

    @POST
    @Path("burst")
    @Produces(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    public Burst burst(@QueryParam("requests") @DefaultValue("50") String requests, @Context UriInfo uri) {
        int count = PostResource.number("requests", requests, 1, MAX_REQUESTS);
        URI target = uri.getBaseUri().resolve("metadata");
        long started = System.nanoTime();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            List<CompletableFuture<HttpResponse<Void>>> sent = IntStream.range(0, count)
                    .mapToObj(i -> client.sendAsync(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                            .build(), HttpResponse.BodyHandlers.discarding()))
                    .toList();
            Set<String> executions = new TreeSet<>();
            int ok = 0;
            for (CompletableFuture<HttpResponse<Void>> response : sent) {
                HttpResponse<Void> done = response.join();
                if (done.statusCode() == 200) {
                    ok++;
                    done.headers().firstValue("X-Coalesce-Execution").ifPresent(executions::add);
                }
            }
            return new Burst(count, ok, executions.size(), executions, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
