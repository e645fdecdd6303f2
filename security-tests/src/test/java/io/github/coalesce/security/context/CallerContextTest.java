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
import io.github.coalesce.runtime.http.HttpCollapsing;
import io.github.coalesce.runtime.http.RequestFlights;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * Issue #25: callers of one flight, authenticated as different users (the methods share across principals, so they
 * really share), each with its own MDC value, context-local value and request-scoped bean. After the shared result
 * each is back on the Vert.x context it started on and sees only its own, and what it writes there reaches its own
 * response; a follower past its maximum wait runs its own call in its own context and request scope. The same for
 * HTTP request collapsing. Real HTTP, real Basic authentication against Quarkus' embedded users.
 */
class CallerContextTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ContextResource.class, SharedWork.class, CallerTag.class,
                    TagFilters.class, Report.class))
            .overrideConfigKey("quarkus.http.auth.basic", "true")
            .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
            .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
            .overrideConfigKey("quarkus.security.users.embedded.users.alice", "alice")
            .overrideConfigKey("quarkus.security.users.embedded.users.bob", "bob")
            .overrideConfigKey("quarkus.coalesce.http.max-wait", "1s");

    @TestHTTPResource("/ctx/")
    URL base;

    @Inject
    SharedWork work;

    @Inject
    FlightGroupRegistry methods;

    @Inject
    HttpCollapsing collapsing;

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
    void uniCallersResumeOnTheirOwnContextAfterTheSharedResult() throws Exception {
        assertEachResumesOnItsOwn("uni", SharedWork.UNI);
    }

    @Test
    void aBlockingFollowerResumesOffTheEventLoopInItsOwnContext() throws Exception {
        String target = "uni/blocking";
        FlightKey key = new FlightKey(SharedWork.UNI, "blocking", null);
        CompletableFuture<HttpResponse<String>> leader = send(target, "alice", "alice-1");
        await().atMost(10, TimeUnit.SECONDS).until(() -> methods.coalescer().callers(key) == 1);
        CompletableFuture<HttpResponse<String>> follower = send("uni-blocking/blocking", "bob", "bob-1");
        await().atMost(10, TimeUnit.SECONDS).until(() -> methods.coalescer().callers(key) == 2);
        work.release();

        assertOwn(leader, "alice", "alice-1", "shared #1");
        HttpResponse<String> response = follower.get(10, TimeUnit.SECONDS);
        assertThat(response.body())
                .isEqualTo("shared #1 then " + Report.expected("bob", "bob-1") + " off the event loop: true");
        assertThat(work.executions()).isEqualTo(1);
    }

    @Test
    void completionStageCallersResumeOnTheirOwnContextAfterTheSharedResult() throws Exception {
        assertEachResumesOnItsOwn("stage", SharedWork.STAGE);
    }

    @Test
    void aUniFollowerPastItsMaxWaitRunsItsOwnCallInItsOwnContextAndRequestScope() throws Exception {
        assertTheLateFollowerRunsInItsOwn("uni-run", SharedWork.UNI_RUN);
    }

    @Test
    void aStageFollowerPastItsMaxWaitRunsItsOwnCallInItsOwnContextAndRequestScope() throws Exception {
        assertTheLateFollowerRunsInItsOwn("stage-run", SharedWork.STAGE_RUN);
    }

    @Test
    void httpFollowersAnsweredFromTheLeadersResponseAreOnTheirOwnContext() throws Exception {
        CompletableFuture<HttpResponse<String>> leader = send("http/shared", "alice", "alice-1");
        await().atMost(10, TimeUnit.SECONDS).until(() -> collapsing.flights().inFlight() == 1);
        List<CompletableFuture<HttpResponse<String>>> followers = List.of(send("http/shared", "bob", "bob-1"),
                send("http/shared", "alice", "alice-2"), send("http/shared", "bob", "bob-2"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> collapsing.flights().running().stream()
                .mapToInt(RequestFlights.Flight::waiting).sum() == 3);
        work.release();

        assertOwnHeaders(leader, "alice", "alice-1");
        assertOwnHeaders(followers.get(0), "bob", "bob-1");
        assertOwnHeaders(followers.get(1), "alice", "alice-2");
        assertOwnHeaders(followers.get(2), "bob", "bob-2");
        for (CompletableFuture<HttpResponse<String>> follower : followers) {
            assertThat(follower.get().body()).isEqualTo("http #1");
        }
        assertThat(work.executions()).isEqualTo(1);
    }

    @Test
    void anHttpFollowerPastItsMaxWaitRunsTheMethodInItsOwnContextAndRequestScope() throws Exception {
        CompletableFuture<HttpResponse<String>> leader = send("http/alone", "alice", "alice-1");
        await().atMost(10, TimeUnit.SECONDS).until(() -> collapsing.flights().inFlight() == 1);
        HttpResponse<String> follower = send("http/alone", "bob", "bob-1").get(10, TimeUnit.SECONDS);
        work.release();

        assertThat(follower.body()).isEqualTo("http alone: " + Report.expected("bob", "bob-1"));
        assertOwnHeaders(CompletableFuture.completedFuture(follower), "bob", "bob-1");
        assertOwnHeaders(leader, "alice", "alice-1");
        assertThat(work.executions()).isEqualTo(2);
    }

    /** Two users, two callers each; the first leads and its result is emitted on its own event loop. */
    private void assertEachResumesOnItsOwn(String path, String group) throws Exception {
        String target = path + "/" + group.hashCode();
        FlightKey key = new FlightKey(group, target.substring(target.indexOf('/') + 1), null);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        calls.add(send(target, "alice", "alice-1"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> methods.coalescer().callers(key) == 1);
        calls.add(send(target, "bob", "bob-1"));
        calls.add(send(target, "alice", "alice-2"));
        calls.add(send(target, "bob", "bob-2"));
        // One flight for all four: one execution, whichever user led.
        await().atMost(10, TimeUnit.SECONDS).until(() -> methods.coalescer().callers(key) == 4);
        work.release();

        assertOwn(calls.get(0), "alice", "alice-1", "shared #1");
        assertOwn(calls.get(1), "bob", "bob-1", "shared #1");
        assertOwn(calls.get(2), "alice", "alice-2", "shared #1");
        assertOwn(calls.get(3), "bob", "bob-2", "shared #1");
        assertThat(work.executions()).isEqualTo(1);
    }

    private void assertTheLateFollowerRunsInItsOwn(String path, String group) throws Exception {
        String target = path + "/" + group.hashCode();
        FlightKey key = new FlightKey(group, target.substring(target.indexOf('/') + 1), null);
        CompletableFuture<HttpResponse<String>> leader = send(target, "alice", "alice-1");
        await().atMost(10, TimeUnit.SECONDS).until(() -> methods.coalescer().callers(key) == 1);
        CompletableFuture<HttpResponse<String>> follower = send(target, "bob", "bob-1");

        // Its own call reports where the method body ran; then the caller reports where it resumed.
        assertOwn(follower, "bob", "bob-1", "own call: " + Report.expected("bob", "bob-1"));
        work.release();
        assertOwn(leader, "alice", "alice-1", "shared #1");
        assertThat(work.executions()).isEqualTo(2);
    }

    private static void assertOwn(CompletableFuture<HttpResponse<String>> call, String user, String tag,
            String result) throws Exception {
        HttpResponse<String> response = call.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(result + " then " + Report.expected(user, tag));
        assertThat(response.headers().firstValue(TagFilters.WROTE)).as("what %s wrote in its context", tag)
                .hasValue(tag);
    }

    private static void assertOwnHeaders(CompletableFuture<HttpResponse<String>> call, String user, String tag)
            throws Exception {
        HttpResponse<String> response = call.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue(TagFilters.SEEN)).as("what %s's response filter saw", tag)
                .hasValue(Report.expected(user, tag));
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
