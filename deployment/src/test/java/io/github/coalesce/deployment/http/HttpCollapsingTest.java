package io.github.coalesce.deployment.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.runtime.http.HttpCollapsing;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/** Request collapsing over real HTTP: what followers share, what they never share, and what is never collapsed. */
class HttpCollapsingTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(CollapsedResource.class, Gate.class, Burst.class))
            // Sensitive blocked-thread checker: a follower that blocked its event loop would be reported.
            .overrideConfigKey("quarkus.vertx.max-event-loop-execute-time", "500ms")
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(records -> assertThat(records).noneMatch(record -> record.getMessage() != null
                    && record.getMessage().contains("blocked")));

    @TestHTTPResource("/c/")
    URL base;

    @Inject
    HttpCollapsing collapsing;

    @BeforeEach
    void reset() {
        CollapsedResource.reset();
    }

    private URI uri(String path) throws Exception {
        return base.toURI().resolve(path);
    }

    @Test
    void fiftyConcurrentGetsRunTheHandlerOnceAndEveryoneGetsTheSameBytes() throws Exception {
        var counters = collapsing.stats().of(CollapsedResource.class.getName() + "#slow");
        long leadersBefore = counters.leaders();
        long followersBefore = counters.followers();
        long bytesBefore = counters.bytesCopied();
        List<HttpResponse<byte[]>> responses = Burst.get(uri("slow?followers=49"), 50);

        assertThat(CollapsedResource.executions("slow")).isEqualTo(1);
        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        byte[] first = responses.get(0).body();
        assertThat(first.length).isGreaterThan(90_000);
        assertThat(responses).allSatisfy(response -> assertThat(response.body()).isEqualTo(first));
        assertThat(Burst.collapsed(responses)).isEqualTo(49);
        assertThat(responses.stream().filter(r -> r.headers().firstValue("Cache-Status").orElse("")
                .equals("quarkus-coalesce; fwd=uri-miss"))).hasSize(1);
        assertThat(collapsing.flights().inFlight()).isZero();
        // Leaders and followers are counted apart: the leader is never also a "shared" response.
        assertThat(counters.leaders() - leadersBefore).isEqualTo(1);
        assertThat(counters.followers() - followersBefore).isEqualTo(49);
        assertThat(counters.bytesCopied() - bytesBefore).isEqualTo(49L * first.length);
    }

    @Test
    void followersOverHttp2GetTheLeadersResponseWithoutItsPseudoHeaders() throws Exception {
        // One client, upgraded to HTTP/2 (h2c) by a first request; then four streams at once on that connection.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> upgrade = client.send(HttpRequest.newBuilder(uri("plain")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upgrade.statusCode()).isEqualTo(200);
        List<CompletableFuture<HttpResponse<byte[]>>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(client.sendAsync(HttpRequest.newBuilder(uri("slow?followers=3")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        List<HttpResponse<byte[]>> responses = new java.util.ArrayList<>();
        for (CompletableFuture<HttpResponse<byte[]>> response : sent) {
            responses.add(response.get(30, TimeUnit.SECONDS));
        }

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(responses.get(0).body());
        });
        assertThat(CollapsedResource.executions("slow")).isEqualTo(1);
        assertThat(Burst.collapsed(responses)).isEqualTo(3);
    }

    @Test
    void everyFollowerHasItsOwnDateAndTheRightContentLength() throws Exception {
        List<HttpResponse<byte[]>> responses = Burst.get(uri("slow?followers=9"), 10);

        ZonedDateTime now = ZonedDateTime.now();
        List<HttpResponse<byte[]>> followers = responses.stream().filter(r -> Burst.collapsed(List.of(r)) == 1)
                .toList();
        assertThat(followers).hasSize(9);
        for (HttpResponse<byte[]> follower : followers) {
            // The leader's body streamed (chunked); each follower's is whole, so its length is known.
            assertThat(follower.headers().firstValueAsLong("Content-Length")).hasValue(follower.body().length);
            assertThat(follower.headers().allValues("Transfer-Encoding")).isEmpty();
            List<String> dates = follower.headers().allValues("Date");
            assertThat(dates).hasSize(1);
            ZonedDateTime date = ZonedDateTime.parse(dates.get(0), DateTimeFormatter.RFC_1123_DATE_TIME);
            assertThat(date).isCloseTo(now, org.assertj.core.api.Assertions.within(5, ChronoUnit.SECONDS));
        }
    }

    @Test
    void aHandlerThatMintsASessionCookieNeverHandsItToAnotherClient() throws Exception {
        List<HttpResponse<byte[]>> responses = Burst.get(uri("cookie?followers=9"), 10);

        Set<String> cookies = responses.stream().map(r -> r.headers().firstValue("Set-Cookie").orElseThrow())
                .collect(Collectors.toSet());
        assertThat(cookies).hasSize(10);
        assertThat(CollapsedResource.executions("cookie")).isEqualTo(10);
        // The followers ran concurrently, not one after another.
        assertThat(CollapsedResource.MAX_RUNNING.get()).isGreaterThan(1);
        assertThat(responses.stream().filter(r -> r.headers().allValues("Cache-Status")
                .contains("quarkus-coalesce; fwd=uri-miss; collapsed=?0; detail=set-cookie"))).hasSize(9);
    }

    @Test
    void whenTheLeaderFailsTheFollowersRunTheHandlerThemselves() throws Exception {
        List<HttpResponse<byte[]>> responses = Burst.get(uri("fail?followers=4"), 5);

        assertThat(responses.stream().map(HttpResponse::statusCode).sorted().toList())
                .containsExactly(200, 200, 200, 200, 500);
        assertThat(CollapsedResource.executions("fail")).isEqualTo(5);
        assertThat(responses.stream().filter(r -> r.statusCode() == 200).map(r -> r.headers().allValues("Cache-Status"))
                .toList()).containsOnly(List.of("quarkus-coalesce; fwd=uri-miss; collapsed=?0; detail=status-500"));
    }

    @Test
    void aNotFoundIsShared() throws Exception {
        List<HttpResponse<byte[]>> responses = Burst.get(uri("missing?followers=4"), 5);

        assertThat(CollapsedResource.executions("missing")).isEqualTo(1);
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("no such post (execution 1)");
        });
        assertThat(Burst.collapsed(responses)).isEqualTo(4);
    }

    @Test
    void jsonAndXmlRequestsAreSeparateFlights() throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> json = Burst.start(uri("negotiated?followers=6"), 4,
                b -> b.header("Accept", "application/json"));
        List<CompletableFuture<HttpResponse<byte[]>>> xml = Burst.start(uri("negotiated?followers=6"), 4,
                b -> b.header("Accept", "application/xml"));

        for (CompletableFuture<HttpResponse<byte[]>> response : json) {
            HttpResponse<byte[]> done = response.get(30, TimeUnit.SECONDS);
            assertThat(new String(done.body(), StandardCharsets.UTF_8)).startsWith("{\"execution\":");
            assertThat(done.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        }
        for (CompletableFuture<HttpResponse<byte[]>> response : xml) {
            HttpResponse<byte[]> done = response.get(30, TimeUnit.SECONDS);
            assertThat(new String(done.body(), StandardCharsets.UTF_8)).startsWith("<execution>");
            assertThat(done.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        }
        assertThat(CollapsedResource.executions("negotiated")).isEqualTo(2);
    }

    @Test
    void headJoinsAGetFlightButNeverLeadsOne() throws Exception {
        CompletableFuture<HttpResponse<byte[]>> get = Burst.start(uri("slow?followers=3"), 1, b -> b.GET()).get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> collapsing.flights().inFlight() == 1);
        List<HttpResponse<byte[]>> heads = Burst.send(uri("slow?followers=3"), 3,
                b -> b.method("HEAD", HttpRequest.BodyPublishers.noBody()));

        HttpResponse<byte[]> leader = get.get(30, TimeUnit.SECONDS);
        assertThat(CollapsedResource.executions("slow")).isEqualTo(1);
        assertThat(heads).allSatisfy(head -> {
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValueAsLong("Content-Length")).as(head.headers().toString())
                    .hasValue(leader.body().length);
        });
        assertThat(Burst.collapsed(heads)).isEqualTo(3);

        // A HEAD with no GET in flight runs on its own: a GET never joins a HEAD.
        CollapsedResource.reset();
        Burst.send(uri("slow?followers=0"), 1, b -> b.method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(CollapsedResource.executions("slow")).isEqualTo(1);
        assertThat(collapsing.stats().of(CollapsedResource.class.getName() + "#slow").bypassed())
                .containsKey("head-without-get");
    }

    @Test
    void postRangeConditionalAndEventStreamRequestsAreNeverCollapsed() throws Exception {
        List<HttpResponse<byte[]>> posts = Burst.send(uri("post"), 5,
                b -> b.POST(HttpRequest.BodyPublishers.ofString("hello")));
        List<HttpResponse<byte[]>> ranges = Burst.send(uri("slow?followers=0"), 5, b -> b.header("Range", "bytes=0-9"));
        List<HttpResponse<byte[]>> conditional = Burst.send(uri("slow?followers=0"), 5,
                b -> b.header("If-None-Match", "\"abc\""));
        List<HttpResponse<byte[]>> modifiedSince = Burst.send(uri("slow?followers=0"), 5,
                b -> b.header("If-Modified-Since", "Wed, 21 Oct 2015 07:28:00 GMT"));
        List<HttpResponse<byte[]>> eventStreams = Burst.send(uri("slow?followers=0"), 5,
                b -> b.header("Accept", "text/event-stream, text/plain;q=0.9"));

        assertThat(CollapsedResource.executions("post")).isEqualTo(5);
        assertThat(CollapsedResource.executions("slow")).isEqualTo(20);
        assertThat(Burst.collapsed(posts) + Burst.collapsed(ranges) + Burst.collapsed(conditional)
                + Burst.collapsed(modifiedSince) + Burst.collapsed(eventStreams)).isZero();
        var bypassed = collapsing.stats().of(CollapsedResource.class.getName() + "#slow").bypassed();
        assertThat(bypassed.get("range")).isGreaterThanOrEqualTo(5);
        assertThat(bypassed.get("conditional")).isGreaterThanOrEqualTo(10);
        assertThat(bypassed.get("event-stream")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void requestsCarryingCredentialsTheAppDoesNotRecogniseAreNeverCollapsed() throws Exception {
        // No security extension here: a Cookie or Authorization header names no identity the app knows, so the
        // request could be anybody's and is never merged with another.
        List<HttpResponse<byte[]>> cookies = Burst.send(uri("slow?followers=0"), 5,
                b -> b.header("Cookie", "session=abc"));
        List<HttpResponse<byte[]>> bearers = Burst.send(uri("slow?followers=0"), 5,
                b -> b.header("Authorization", "Bearer unknown-here"));

        assertThat(CollapsedResource.executions("slow")).isEqualTo(10);
        assertThat(Burst.collapsed(cookies) + Burst.collapsed(bearers)).isZero();
        assertThat(collapsing.stats().of(CollapsedResource.class.getName() + "#slow").bypassed().get("credentials"))
                .isGreaterThanOrEqualTo(10);
    }

    @Test
    void aRequestAfterTheFlightEndedRunsTheHandlerAgain() throws Exception {
        Burst.get(uri("slow?followers=0"), 1);
        Burst.get(uri("slow?followers=0"), 1);

        assertThat(CollapsedResource.executions("slow")).isEqualTo(2);
    }

    @Test
    void aLeaderWhoseClientDisconnectsLeavesNoStuckFlight() throws Exception {
        CollapsedResource.release = new CountDownLatch(1);
        try (Socket leader = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = leader.getOutputStream();
            out.write(("GET /c/held HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> collapsing.flights().inFlight() == 1);
            CompletableFuture<HttpResponse<byte[]>> follower = Burst.start(uri("held"), 1, b -> b.GET()).get(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> collapsing.flights().running().stream()
                    .anyMatch(f -> f.waiting() == 1));
            leader.close();

            HttpResponse<byte[]> answer = follower.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("held 2");
            assertThat(answer.headers().allValues("Cache-Status"))
                    .contains("quarkus-coalesce; fwd=uri-miss; collapsed=?0; detail=leader-disconnected");
            assertThat(collapsing.flights().inFlight()).isZero();
        } finally {
            CollapsedResource.release.countDown();
        }
        assertThat(new String(Burst.get(uri("held"), 1).get(0).body(), StandardCharsets.UTF_8)).isEqualTo("held 3");
    }

    @Test
    void aFollowerWhoseClientDisconnectsLeavesTheFlight() throws Exception {
        CollapsedResource.release = new CountDownLatch(1);
        CompletableFuture<HttpResponse<byte[]>> leader = Burst.start(uri("held"), 1, b -> b.GET()).get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> collapsing.flights().inFlight() == 1);
        try (Socket follower = new Socket(base.getHost(), base.getPort())) {
            follower.getOutputStream().write(("GET /c/held HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            follower.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> collapsing.flights().running().stream()
                    .anyMatch(f -> f.waiting() == 1));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> collapsing.flights().running().stream()
                .allMatch(f -> f.waiting() == 0));
        CollapsedResource.release.countDown();
        assertThat(new String(leader.get(10, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8)).isEqualTo("held 1");
        assertThat(CollapsedResource.executions("held")).isEqualTo(1);
    }

    @Test
    void followersOnTheEventLoopAreSuspendedNeverBlocked() throws Exception {
        List<HttpResponse<byte[]>> responses = Burst.get(uri("reactive"), 20);
        Burst.get(uri("slow?followers=19"), 20);

        assertThat(responses).allSatisfy(response -> assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("reactive 1"));
        assertThat(CollapsedResource.executions("reactive")).isEqualTo(1);
        assertThat(CollapsedResource.executions("slow")).isEqualTo(1);
    }

    @Test
    void anUnselectedEndpointIsUntouched() throws Exception {
        List<HttpResponse<byte[]>> responses = Burst.get(uri("plain"), 5);

        assertThat(CollapsedResource.executions("plain")).isEqualTo(5);
        assertThat(responses).allSatisfy(r -> assertThat(r.headers().allValues("Cache-Status")).isEmpty());
    }
}
