package io.github.coalesce.deployment.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.runtime.http.HttpCollapsing;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/** Real authentication (embedded users, HTTP Basic): identities never share a response, followers pass the checks. */
class HttpCollapsingSecurityTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SecuredResource.class, Gate.class, Burst.class))
            .overrideConfigKey("quarkus.http.auth.basic", "true")
            .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
            .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
            .overrideConfigKey("quarkus.security.users.embedded.users.alice", "alice-password")
            .overrideConfigKey("quarkus.security.users.embedded.roles.alice", "admin,user")
            .overrideConfigKey("quarkus.security.users.embedded.users.bob", "bob-password")
            .overrideConfigKey("quarkus.security.users.embedded.roles.bob", "user");

    @TestHTTPResource("/s/")
    URL base;

    @Inject
    HttpCollapsing collapsing;

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-password")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aliceBobAndAnonymousAreNeverMerged() throws Exception {
        URI uri = base.toURI().resolve("whoami?followers=2");
        List<CompletableFuture<HttpResponse<byte[]>>> alice = Burst.start(uri, 3,
                b -> b.header("Authorization", basic("alice")));
        List<CompletableFuture<HttpResponse<byte[]>>> bob = Burst.start(uri, 3,
                b -> b.header("Authorization", basic("bob")));
        List<CompletableFuture<HttpResponse<byte[]>>> anonymous = Burst.start(uri, 3, b -> b.GET());

        assertThat(bodies(alice)).containsOnly("hello alice");
        assertThat(bodies(bob)).containsOnly("hello bob");
        assertThat(bodies(anonymous)).containsOnly("hello anonymous");
        // Each leader held until its identity's two followers were parked: one execution per identity, each
        // flight serving only its own identity's followers.
        assertThat(SecuredResource.WHOAMI.get()).isEqualTo(3);
    }

    @Test
    void anUnauthorisedFollowerIsRefusedWhileAnAuthorisedLeaderIsInFlight() throws Exception {
        SecuredResource.release = new CountDownLatch(1);
        URI uri = base.toURI().resolve("secret");
        try {
            CompletableFuture<HttpResponse<byte[]>> leader = Burst.start(uri, 1,
                    b -> b.header("Authorization", basic("alice"))).get(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> collapsing.flights().inFlight() == 1);

            HttpResponse<byte[]> bob = Burst.send(uri, 1, b -> b.header("Authorization", basic("bob"))).get(0);
            HttpResponse<byte[]> anonymous = Burst.get(uri, 1).get(0);
            assertThat(bob.statusCode()).isEqualTo(403);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(new String(bob.body(), StandardCharsets.UTF_8)).doesNotContain("the secret");

            SecuredResource.release.countDown();
            assertThat(leader.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            SecuredResource.release.countDown();
        }
        assertThat(SecuredResource.SECRET.get()).isEqualTo(1);
    }

    private static List<String> bodies(List<CompletableFuture<HttpResponse<byte[]>>> responses) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (CompletableFuture<HttpResponse<byte[]>> response : responses) {
            bodies.add(new String(response.get(30, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8));
        }
        return bodies;
    }
}
