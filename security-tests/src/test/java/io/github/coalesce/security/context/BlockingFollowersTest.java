package io.github.coalesce.security.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.runtime.FlightGroupRegistry;
import io.github.coalesce.runtime.FlightKey;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * As many blocking followers ({@code @Blocking} endpoints in {@code uni.await()}) as the worker pool has threads:
 * with every worker parked, neither the shared result nor the max-wait escape may need a free worker to reach them.
 */
class BlockingFollowersTest {

    private static final int WORKERS = 4;

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ContextResource.class, SharedWork.class, CallerTag.class,
                    TagFilters.class, Report.class))
            .overrideConfigKey("quarkus.thread-pool.max-threads", String.valueOf(WORKERS))
            .overrideConfigKey("quarkus.http.auth.basic", "true")
            .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
            .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
            .overrideConfigKey("quarkus.security.users.embedded.users.alice", "alice")
            .overrideConfigKey("quarkus.security.users.embedded.users.bob", "bob");

    @TestHTTPResource("/ctx/")
    URL base;

    @Inject
    SharedWork work;

    @Inject
    FlightGroupRegistry methods;

    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        work.reset();
    }

    @AfterEach
    void tearDown() {
        work.release();
    }

    @Test
    void blockingFollowersFillingTheWorkerPoolAllGetTheSharedResult() throws Exception {
        FlightKey key = new FlightKey(SharedWork.UNI, "full", null);
        CompletableFuture<HttpResponse<String>> leader = send("uni/full", "alice", "leader");
        await().atMost(10, TimeUnit.SECONDS).until(() -> methods.coalescer().callers(key) == 1);
        List<CompletableFuture<HttpResponse<String>>> followers = followers("uni-blocking/full");
        await().atMost(10, TimeUnit.SECONDS).until(() -> methods.coalescer().callers(key) == 1 + WORKERS);
        work.release();

        assertThat(leader.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        for (int i = 0; i < WORKERS; i++) {
            assertThat(followers.get(i).get(10, TimeUnit.SECONDS).body()).isEqualTo("shared #1 then "
                    + Report.expected(user(i), "f" + i) + " off the event loop: true");
        }
        assertThat(work.executions()).isEqualTo(1);
    }

    @Test
    void blockingFollowersFillingTheWorkerPoolStillRunTheirOwnCallAtMaxWait() throws Exception {
        FlightKey key = new FlightKey(SharedWork.UNI_RUN, "full", null);
        CompletableFuture<HttpResponse<String>> leader = send("uni-run/full", "alice", "leader");
        await().atMost(10, TimeUnit.SECONDS).until(() -> methods.coalescer().callers(key) == 1);
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> followers = followers("uni-run-blocking/full");

        for (int i = 0; i < WORKERS; i++) {
            HttpResponse<String> response = followers.get(i).get(10, TimeUnit.SECONDS);
            assertThat(response.body()).isEqualTo("own call: " + Report.expected(user(i), "f" + i) + " then "
                    + Report.expected(user(i), "f" + i) + " off the event loop: true");
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("max-wait 300 ms, not await's 10 s")
                .isLessThan(3000);
        work.release();
        assertThat(leader.get(10, TimeUnit.SECONDS).body()).startsWith("shared #1");
        assertThat(work.executions()).isEqualTo(1 + WORKERS);
    }

    private List<CompletableFuture<HttpResponse<String>>> followers(String target) {
        List<CompletableFuture<HttpResponse<String>>> followers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            followers.add(send(target, user(i), "f" + i));
        }
        return followers;
    }

    private static String user(int i) {
        return i % 2 == 0 ? "bob" : "alice";
    }

    private CompletableFuture<HttpResponse<String>> send(String path, String user, String tag) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .header(TagFilters.TAG, tag)
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
