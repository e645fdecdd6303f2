package io.github.coalesce.deployment.devui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI's "Across instances" page in a real dev-mode application on the real Redis: its JSON-RPC service
 * (over the Dev UI websocket, as the page calls it) shows the instance sharing through Redis with its subscription
 * connected, the lease it holds while a cluster flight runs (by hash, never the key), and the group's counters.
 */
class ClusterDevUiTest {

    private static final int PORT = 18094;
    private static final String PREFIX = "coalesce-test:" + UUID.randomUUID() + ":";

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(ClusterDevUiApp.class)
                    .addAsResource(new StringAsset(String.join("\n",
                            "quarkus.http.port=" + PORT,
                            "quarkus.devservices.enabled=false",
                            "quarkus.analytics.disabled=true",
                            "quarkus.redis.hosts=redis://127.0.0.1:6379",
                            "quarkus.redis.devservices.enabled=false",
                            "quarkus.coalesce.cluster.key-prefix=" + PREFIX)), "application.properties"));

    private final HttpClient http = HttpClient.newHttpClient();
    private final DevUiRpc rpc = new DevUiRpc(PORT);

    @Test
    void thePageShowsTheConnectionTheLeaseWhileItRunsAndTheGroupCounters() throws Exception {
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/site")).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(20, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> rpc.call("getLeases", "{}").contains("leading"));
        assertThat(rpc.call("getLeases", "{}")).contains("\"group\":\"site\"").containsPattern("\"hash\":\"[A-Za-z0-9_-]+")
                .containsPattern("\"ageMillis\":\\d+");
        assertThat(rpc.call("getClusterState", "{}")).contains("\"mode\":\"cluster\"",
                "\"subscriptionConnected\":true", "\"breakerOpen\":false", "\"keyPrefix\":\"" + PREFIX + "\"",
                "\"leaseTtl\":\"PT5S\"");

        assertThat(call.get(20, TimeUnit.SECONDS).body()).isEqualTo("summary");
        assertThat(rpc.call("getLeases", "{}")).contains("\"object\":[]");
        assertThat(rpc.call("getClusterGroups", "{}")).contains("\"group\":\"site\"", "\"acquires\":1",
                "\"leaders\":1", "\"remoteJoins\":0", "\"fallbacks\":\"{}\"");
    }
}
