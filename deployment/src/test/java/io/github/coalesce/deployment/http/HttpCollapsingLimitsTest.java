package io.github.coalesce.deployment.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.runtime.http.HttpCollapsing;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/** A body over max-body-size, and followers that stop waiting after max-wait and run the method themselves. */
class HttpCollapsingLimitsTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(CollapsedResource.class, Gate.class, Burst.class))
            .overrideConfigKey("quarkus.coalesce.http.max-body-size", "1M")
            .overrideConfigKey("quarkus.coalesce.http.max-wait", "1s")
            .overrideConfigKey("quarkus.coalesce.http.on-max-wait", "run");

    @TestHTTPResource("/c/")
    URL base;

    @Inject
    HttpCollapsing collapsing;

    @BeforeEach
    void reset() {
        CollapsedResource.reset();
    }

    @Test
    void aBodyOverTheLimitReachesTheLeaderIntactAndTheFollowersRunAnew() throws Exception {
        List<HttpResponse<byte[]>> responses = Burst.get(base.toURI().resolve("big?followers=4"), 5);

        byte[] expected = new byte[2 * 1024 * 1024];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (i * 31 + (i >> 8));
        }
        assertThat(responses).allSatisfy(response -> assertThat(response.body()).isEqualTo(expected));
        assertThat(CollapsedResource.executions("big")).isEqualTo(5);
        assertThat(responses.stream().filter(r -> r.headers().allValues("Cache-Status")
                .contains("quarkus-coalesce; fwd=uri-miss; collapsed=?0; detail=too-large"))).hasSize(4);
    }

    @Test
    void afterMaxWaitAFollowerRunsTheMethodItself() throws Exception {
        CollapsedResource.release = new CountDownLatch(1);
        URI uri = base.toURI().resolve("held");
        try {
            CompletableFuture<HttpResponse<byte[]>> leader = Burst.start(uri, 1, b -> b.GET()).get(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> collapsing.flights().inFlight() == 1);
            long start = System.nanoTime();
            List<HttpResponse<byte[]>> followers = Burst.get(uri, 3);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(waitedMillis).isBetween(900L, 5_000L);
            assertThat(followers).allSatisfy(response -> {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("held ");
                assertThat(response.headers().allValues("Cache-Status"))
                        .contains("quarkus-coalesce; fwd=uri-miss; collapsed=?0; detail=max-wait");
            });
            assertThat(leader).isNotDone();
            CollapsedResource.release.countDown();
            assertThat(new String(leader.get(10, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8))
                    .isEqualTo("held 1");
        } finally {
            CollapsedResource.release.countDown();
        }
    }
}
