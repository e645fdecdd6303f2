package io.github.coalesce.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /me/posts} reads who asks and is coalesced per principal: bursts by alice and bob at the same moment are
 * served by one execution each, and nobody ever gets the other's posts. Real HTTP, real Basic authentication.
 */
@QuarkusTest
class MyPostsTest {

    static final String GROUP = "my-posts";

    @TestHTTPResource("/me/posts")
    URI myPosts;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void burstsByTwoUsersRunTwiceAndNeverCross() throws Exception {
        warmUp();
        double executionsBefore = CoalescingTest.metric("coalesce_executions_total", GROUP);
        double callsBefore = CoalescingTest.metric("coalesce_calls_total", GROUP);
        List<CompletableFuture<HttpResponse<String>>> alice = send("alice", "alice", 25);
        List<CompletableFuture<HttpResponse<String>>> bob = send("bob", "bob", 25);

        List<HttpResponse<String>> aliceResponses = done(alice);
        List<HttpResponse<String>> bobResponses = done(bob);

        assertThat(CoalescingTest.metric("coalesce_calls_total", GROUP) - callsBefore).isEqualTo(50);
        assertThat(CoalescingTest.metric("coalesce_executions_total", GROUP) - executionsBefore).isEqualTo(2);
        Set<Long> aliceIds = onlyPostsOf("alice", aliceResponses);
        Set<Long> bobIds = onlyPostsOf("bob", bobResponses);
        assertThat(aliceIds).isNotEmpty().doesNotContainAnyElementsOf(bobIds);
        assertThat(bobIds).isNotEmpty();
        assertThat(executions(aliceResponses)).hasSize(1).doesNotContainAnyElementsOf(executions(bobResponses));
        assertThat(executions(bobResponses)).hasSize(1);
    }

    @Test
    void aBurstByOneUserRunsOnce() throws Exception {
        warmUp();
        double executionsBefore = CoalescingTest.metric("coalesce_executions_total", GROUP);

        List<HttpResponse<String>> responses = done(send("bob", "bob", 50));

        assertThat(CoalescingTest.metric("coalesce_executions_total", GROUP) - executionsBefore).isEqualTo(1);
        assertThat(executions(responses)).hasSize(1);
        onlyPostsOf("bob", responses);
    }

    @Test
    void theTotalIsTheSumOfTheViewsOfTheCallersPosts() {
        JsonPath mine = given().auth().preemptive().basic("alice", "alice").get("/me/posts").then().statusCode(200)
                .extract().jsonPath();
        List<Integer> views = mine.getList("posts.views", Integer.class);
        assertThat(mine.getLong("totalViews")).isEqualTo(views.stream().mapToLong(Integer::longValue).sum());
        assertThat(mine.getString("author")).isEqualTo("alice");
    }

    @Test
    void withoutOrWithWrongCredentialsItIsA401InJson() {
        given().get("/me/posts").then().statusCode(401).header("WWW-Authenticate", startsWith("Basic"))
                .body("status", equalTo(401)).body("message", startsWith("log in"));
        given().auth().preemptive().basic("alice", "bob").get("/me/posts").then().statusCode(401)
                .body("status", equalTo(401));
        given().auth().preemptive().basic("mallory", "mallory").get("/me/posts").then().statusCode(401)
                .body("status", equalTo(401));
    }

    /** One request each first: the bursts then measure coalescing, not the first request's warm-up. */
    private void warmUp() throws Exception {
        done(send("alice", "alice", 1));
        done(send("bob", "bob", 1));
    }

    /** Every response lists only {@code author}'s posts, and all list the same ones. */
    private static Set<Long> onlyPostsOf(String author, List<HttpResponse<String>> responses) {
        Set<Long> ids = null;
        for (HttpResponse<String> response : responses) {
            JsonPath body = JsonPath.from(response.body());
            assertThat(body.getString("author")).isEqualTo(author);
            assertThat(body.getList("posts.author", String.class)).isNotEmpty().containsOnly(author);
            Set<Long> these = new HashSet<>(body.getList("posts.id", Long.class));
            if (ids != null) {
                assertThat(these).isEqualTo(ids);
            }
            ids = these;
        }
        return ids;
    }

    private static Set<String> executions(List<HttpResponse<String>> responses) {
        Set<String> executions = new HashSet<>();
        responses.forEach(response -> executions.add(response.headers().firstValue("X-Coalesce-Execution")
                .orElseThrow()));
        return executions;
    }

    private List<CompletableFuture<HttpResponse<String>>> send(String user, String password, int count) {
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(myPosts).header("Authorization", authorization)
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        return responses;
    }

    private static List<HttpResponse<String>> done(List<CompletableFuture<HttpResponse<String>>> pending)
            throws Exception {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : pending) {
            HttpResponse<String> done = response.get(30, TimeUnit.SECONDS);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            responses.add(done);
        }
        return responses;
    }
}
