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

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.testsupport.TestDatasource;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI card in a real dev-mode application: its build-time data lists the coalesced methods, and its JSON-RPC
 * service (called over the Dev UI websocket, as the page does) shows a running flight, the group counters, and
 * flushes a view counter into PostgreSQL.
 */
class CoalesceDevUiTest {

    private static final String BASE = "http://localhost:18093";

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(DevUiApp.class)
                    .addAsResource(new StringAsset(String.join("\n",
                            "quarkus.http.port=18093",
                            TestDatasource.asPropertiesFile(),
                            "quarkus.devservices.enabled=false",
                            "quarkus.analytics.disabled=true",
                            "quarkus.coalesce.view-counter.table=devui_post",
                            "quarkus.coalesce.view-counter.cooldown=0s",
                            // java.net.http.HttpClient (Java-http-client/…) stands for a reader here.
                            "quarkus.coalesce.view-counter.bots.http-clients=false",
                            "quarkus.coalesce.view-counter.flush-interval=1h")), "application.properties"));

    private final HttpClient http = HttpClient.newHttpClient();
    private final DevUiRpc rpc = new DevUiRpc(18093);

    @Test
    void theCardShowsMethodsFlightsGroupsAndFlushesViewCounters() throws Exception {
        String buildTimeData = get("/q/dev-ui/quarkus-coalesce-data.js");
        assertThat(buildTimeData).contains("export const methods",
                "\"bean\":\"DevUiApp$Lookups\"", "\"method\":\"lookup(long, String)\"", "\"key\":\"id\"",
                "\"maxWait\":\"5s\"", "\"onMaxWait\":\"RUN\"", "\"group\":\"lookups\"");

        // Three concurrent requests join one flight that takes 3 s; the Dev UI sees it while it runs.
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 3)
                .mapToObj(i -> http.sendAsync(request("/lookup/7"), HttpResponse.BodyHandlers.ofString()))
                .toList();
        await().atMost(20, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> rpc("getFlights", "{}").contains("\"callers\":3"));
        assertThat(rpc("getFlights", "{}")).contains("\"group\":\"lookups\"", "\"key\":\"7\"", "\"waiting\":3")
                .containsPattern("\"ageMillis\":\\d+");
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(20, TimeUnit.SECONDS).body()).isEqualTo("value-7");
        }
        assertThat(rpc("getFlights", "{}")).contains("\"object\":[]");
        assertThat(rpc("getGroups", "{}")).contains("\"group\":\"lookups\"", "\"calls\":3", "\"executions\":1",
                "\"joined\":2", "\"maxFanIn\":3");

        // Two views pending, then "flush now" writes them to the table.
        get("/view/5");
        get("/view/5");
        assertThat(rpc("getViewCounters", "{}")).contains("\"name\":\"<default>\"", "\"pendingIds\":1",
                "\"lastFlush\":\"never\"");
        assertThat(rpc("flushNow", "{\"name\":\"<default>\"}")).contains("Flushed <default>: 2 views written");
        assertThat(get("/views/5")).isEqualTo("2");
        assertThat(rpc("getViewCounters", "{}")).contains("\"pendingIds\":0", "\"viewsWritten\":2",
                "\"statements\":1");
        assertThat(rpc("flushNow", "{\"name\":\"nope\"}")).contains("No view counter named 'nope'");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).build();
    }

    private String rpc(String method, String params) throws Exception {
        return rpc.call(method, params);
    }
}
