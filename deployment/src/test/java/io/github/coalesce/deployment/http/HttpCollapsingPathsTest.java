package io.github.coalesce.deployment.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.smallrye.mutiny.Multi;

/**
 * Endpoints selected by {@code quarkus.coalesce.http.paths} alone, with no annotation: a template and a {@code **}
 * glob collapse, an endpoint neither selects does not, an overload on another path is told apart, and a streaming
 * endpoint the glob matches is left out.
 */
class HttpCollapsingPathsTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(UnannotatedResource.class, Gate.class, Burst.class))
            .overrideConfigKey("quarkus.coalesce.http.paths", "/u/items/{id},/u/public/**");

    @TestHTTPResource("/u/")
    URL base;

    @Path("/u")
    public static class UnannotatedResource {

        static final AtomicInteger EXECUTIONS = new AtomicInteger();

        @GET
        @Path("items/{id}")
        @Produces(MediaType.TEXT_PLAIN)
        public String item(@PathParam("id") long id) throws InterruptedException {
            return slowly("item " + id);
        }

        /** Same name and parameter types, other path: not selected. */
        @GET
        @Path("other-items/{id}")
        @Produces(MediaType.TEXT_PLAIN)
        public String item(@PathParam("id") String id) throws InterruptedException {
            return slowly("other " + id);
        }

        @GET
        @Path("public/feed/latest")
        @Produces(MediaType.TEXT_PLAIN)
        public String feed() throws InterruptedException {
            return slowly("feed");
        }

        /** Matched by the glob, but a stream cannot be copied: left out, not a build error. */
        @GET
        @Path("public/stream")
        @Produces(MediaType.TEXT_PLAIN)
        public Multi<String> stream() {
            return Multi.createFrom().items("a", "b");
        }

        @GET
        @Path("private")
        @Produces(MediaType.TEXT_PLAIN)
        public String unselected() throws InterruptedException {
            return slowly("private");
        }

        private static String slowly(String what) throws InterruptedException {
            int execution = EXECUTIONS.incrementAndGet();
            Thread.sleep(800); // long enough for a burst of a few clients to arrive inside the flight
            return what + " " + execution + " " + UUID.randomUUID();
        }
    }

    @BeforeEach
    void reset() {
        UnannotatedResource.EXECUTIONS.set(0);
    }

    @Test
    void anEndpointSelectedByTemplateIsCollapsed() throws Exception {
        List<HttpResponse<byte[]>> responses = Burst.get(uri("items/7"), 4);

        assertThat(UnannotatedResource.EXECUTIONS).hasValue(1);
        assertThat(bodies(responses)).hasSize(4).containsOnly(bodies(responses).get(0));
        assertThat(Burst.collapsed(responses)).isEqualTo(3);
    }

    @Test
    void anEndpointSelectedByGlobIsCollapsed() throws Exception {
        List<HttpResponse<byte[]>> responses = Burst.get(uri("public/feed/latest"), 4);

        assertThat(UnannotatedResource.EXECUTIONS).hasValue(1);
        assertThat(Burst.collapsed(responses)).isEqualTo(3);
    }

    @Test
    void endpointsNotSelectedRunForEveryRequestAndSayNothing() throws Exception {
        List<HttpResponse<byte[]>> unselected = Burst.get(uri("private"), 3);
        List<HttpResponse<byte[]>> overload = Burst.get(uri("other-items/7"), 3);

        assertThat(UnannotatedResource.EXECUTIONS).hasValue(6);
        assertThat(bodies(unselected)).doesNotHaveDuplicates();
        assertThat(bodies(overload)).doesNotHaveDuplicates();
        assertThat(unselected).allSatisfy(r -> assertThat(r.headers().allValues("Cache-Status")).isEmpty());
        assertThat(overload).allSatisfy(r -> assertThat(r.headers().allValues("Cache-Status")).isEmpty());
    }

    @Test
    void aStreamingEndpointAGlobMatchesIsLeftOutAndServedAsUsual() throws Exception {
        List<HttpResponse<byte[]>> responses = Burst.get(uri("public/stream"), 2);

        assertThat(bodies(responses)).containsOnly("ab");
        assertThat(responses).allSatisfy(r -> assertThat(r.headers().allValues("Cache-Status")).isEmpty());
    }

    private URI uri(String path) throws Exception {
        return base.toURI().resolve(path);
    }

    private static List<String> bodies(List<HttpResponse<byte[]>> responses) {
        return responses.stream().map(r -> new String(r.body(), StandardCharsets.UTF_8)).toList();
    }
}
