package io.github.coalesce.deployment.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Concurrent real HTTP requests (each on its own connection), collected with a bound on the wait. */
final class Burst {

    private Burst() {
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static List<HttpResponse<byte[]>> get(URI uri, int requests) throws Exception {
        return send(uri, requests, builder -> builder.GET());
    }

    static List<HttpResponse<byte[]>> send(URI uri, int requests, UnaryOperator<HttpRequest.Builder> request)
            throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> sent = start(uri, requests, request);
        List<HttpResponse<byte[]>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<byte[]>> response : sent) {
            responses.add(response.get(30, TimeUnit.SECONDS));
        }
        // A leader whose gate timed out answered 500: say which followers did not arrive, not just the status (so a
        // test app that adds Burst adds Gate too).
        Gate.assertNoneMissed();
        return responses;
    }

    static List<CompletableFuture<HttpResponse<byte[]>>> start(URI uri, int requests,
            UnaryOperator<HttpRequest.Builder> request) {
        List<CompletableFuture<HttpResponse<byte[]>>> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            // One client per request: its own connection, as separate browsers or feed readers would have.
            HttpRequest built = request.apply(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))).build();
            sent.add(client().sendAsync(built, HttpResponse.BodyHandlers.ofByteArray()));
        }
        return sent;
    }

    static long collapsed(List<HttpResponse<byte[]>> responses) {
        return responses.stream().filter(r -> r.headers().allValues("Cache-Status").stream()
                .anyMatch(v -> v.endsWith("collapsed"))).count();
    }
}
