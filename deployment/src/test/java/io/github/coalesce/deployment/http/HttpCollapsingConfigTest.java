package io.github.coalesce.deployment.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.CoalesceRequests;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * Collapsing as configured: query parameters sorted into the key, a key header of the application's own in place of
 * the default ones, and {@code Cache-Status} switched off.
 */
class HttpCollapsingConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ConfiguredResource.class, Gate.class, Burst.class))
            .overrideConfigKey("quarkus.coalesce.http.key.sort-query", "true")
            .overrideConfigKey("quarkus.coalesce.http.key.headers", "X-Tenant")
            .overrideConfigKey("quarkus.coalesce.http.cache-status", "false");

    @TestHTTPResource("/k/")
    URL base;

    @Path("/k")
    public static class ConfiguredResource {

        static final AtomicInteger EXECUTIONS = new AtomicInteger();

        @CoalesceRequests
        @GET
        @Path("page")
        @Produces(MediaType.TEXT_PLAIN)
        public String page() throws InterruptedException {
            int execution = EXECUTIONS.incrementAndGet();
            Thread.sleep(800); // long enough for a burst of a few clients to arrive inside the flight
            return "page " + execution + " " + UUID.randomUUID();
        }
    }

    @BeforeEach
    void reset() {
        ConfiguredResource.EXECUTIONS.set(0);
    }

    @Test
    void aBurstIsCollapsedWithoutCacheStatusWhenItIsSwitchedOff() throws Exception {
        List<HttpResponse<byte[]>> responses = Burst.get(uri("page?a=1&b=2"), 4);

        assertThat(ConfiguredResource.EXECUTIONS).hasValue(1);
        assertThat(bodies(responses)).hasSize(4).containsOnly(bodies(responses).get(0));
        assertThat(responses).allSatisfy(response -> assertThat(response.headers().allValues("Cache-Status"))
                .isEmpty());
    }

    @Test
    void queriesInAnotherOrderShareTheFlightWhenSorted() throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> sent = new ArrayList<>(
                Burst.start(uri("page?a=1&b=2"), 2, b -> b.GET()));
        sent.addAll(Burst.start(uri("page?b=2&a=1"), 2, b -> b.GET()));

        assertThat(bodies(collect(sent))).hasSize(4).containsOnly(bodies(collect(sent)).get(0));
        assertThat(ConfiguredResource.EXECUTIONS).hasValue(1);
    }

    @Test
    void aConfiguredKeyHeaderSeparatesFlights() throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> one = Burst.start(uri("page"), 2,
                b -> b.header("X-Tenant", "one"));
        List<CompletableFuture<HttpResponse<byte[]>>> two = Burst.start(uri("page"), 2,
                b -> b.header("X-Tenant", "two"));

        List<String> ones = bodies(collect(one));
        List<String> twos = bodies(collect(two));
        assertThat(ConfiguredResource.EXECUTIONS).hasValue(2);
        assertThat(ones).containsOnly(ones.get(0));
        assertThat(twos).containsOnly(twos.get(0)).doesNotContain(ones.get(0));
    }

    private URI uri(String path) throws Exception {
        return base.toURI().resolve(path);
    }

    private static List<HttpResponse<byte[]>> collect(List<CompletableFuture<HttpResponse<byte[]>>> sent)
            throws Exception {
        List<HttpResponse<byte[]>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<byte[]>> response : sent) {
            responses.add(response.get(30, TimeUnit.SECONDS));
        }
        return responses;
    }

    private static List<String> bodies(List<HttpResponse<byte[]>> responses) {
        return responses.stream().map(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            return new String(response.body(), StandardCharsets.UTF_8);
        }).toList();
    }
}
