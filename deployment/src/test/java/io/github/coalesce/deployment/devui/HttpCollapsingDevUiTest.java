package io.github.coalesce.deployment.devui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.CoalesceRequests;
import io.github.coalesce.testsupport.TestDatasource;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI's HTTP collapsing page in a real dev-mode application: its build-time data lists the collapsed
 * endpoints with their paths, and its JSON-RPC service (over the Dev UI websocket, as the page calls it) shows a
 * flight while it runs, then the endpoint's counters.
 */
class HttpCollapsingDevUiTest {

    private static final int PORT = 18094;

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(SlowPage.class)
                    .addAsResource(new StringAsset(String.join("\n",
                            "quarkus.http.port=" + PORT,
                            TestDatasource.asPropertiesFile(),
                            "quarkus.devservices.enabled=false",
                            "quarkus.analytics.disabled=true")), "application.properties"));

    @Path("/slow-page")
    public static class SlowPage {

        @GET
        @CoalesceRequests(identity = CoalesceRequests.Identity.IGNORE)
        @Produces(MediaType.TEXT_PLAIN)
        public String page() throws InterruptedException {
            Thread.sleep(3_000); // long enough to be seen while it runs
            return "page";
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final DevUiRpc rpc = new DevUiRpc(PORT);

    @Test
    void thePageListsCollapsedEndpointsAndShowsALiveFlight() throws Exception {
        HttpResponse<String> data = http.send(request("/q/dev-ui/quarkus-coalesce-data.js"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(data.body()).contains("export const httpEndpoints", SlowPage.class.getName() + "#page",
                "\"path\":\"/slow-page\"");

        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 3)
                .mapToObj(i -> http.sendAsync(request("/slow-page"), HttpResponse.BodyHandlers.ofString()))
                .toList();
        await().atMost(20, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> rpc.call("getHttpFlights", "{}").contains("\"followers\":2"));
        assertThat(rpc.call("getHttpFlights", "{}")).contains("\"request\":\"GET /slow-page\"", "\"waiting\":2")
                .containsPattern("\"ageMillis\":\\d+");
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(20, TimeUnit.SECONDS).body()).isEqualTo("page");
        }
        assertThat(rpc.call("getHttpFlights", "{}")).contains("\"object\":[]");
        assertThat(rpc.call("getHttpCounters", "{}")).contains("\"leaders\":1", "\"followers\":2");
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path)).build();
    }
}
