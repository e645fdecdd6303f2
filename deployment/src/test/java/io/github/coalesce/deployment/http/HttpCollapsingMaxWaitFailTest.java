package io.github.coalesce.deployment.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.runtime.http.HttpCollapsing;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/** on-max-wait=fail: a follower that waited max-wait for a 10 s leader gets 504, the leader is unaffected. */
class HttpCollapsingMaxWaitFailTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(CollapsedResource.class, Gate.class, Burst.class))
            .overrideConfigKey("quarkus.coalesce.http.max-wait", "1s")
            .overrideConfigKey("quarkus.coalesce.http.on-max-wait", "fail");

    @TestHTTPResource("/c/")
    URL base;

    @Inject
    HttpCollapsing collapsing;

    @Test
    void aFollowerThatWaitedTooLongGetsAGatewayTimeout() throws Exception {
        CollapsedResource.reset();
        CollapsedResource.release = new CountDownLatch(1);
        URI uri = base.toURI().resolve("held");
        try {
            CompletableFuture<HttpResponse<byte[]>> leader = Burst.start(uri, 1, b -> b.GET()).get(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> collapsing.flights().inFlight() == 1);
            HttpResponse<byte[]> follower = Burst.get(uri, 1).get(0);

            assertThat(follower.statusCode()).isEqualTo(504);
            assertThat(new String(follower.body(), StandardCharsets.UTF_8)).contains("\"maxWait\"");
            assertThat(CollapsedResource.executions("held")).isEqualTo(1);
            CollapsedResource.release.countDown();
            assertThat(leader.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            CollapsedResource.release.countDown();
        }
    }
}
