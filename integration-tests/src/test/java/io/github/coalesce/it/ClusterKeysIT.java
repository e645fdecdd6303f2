package io.github.coalesce.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Cluster keys on three packaged sample-app JVMs sharing one Redis: {@code GET /posts/tagged} is keyed by a record
 * with a {@code Set} of tags, {@code GET /me/posts} by the caller's principal alone. Each key gets its own result, an
 * equal key written in another order is the same key on every instance, and two users never share.
 */
class ClusterKeysIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();
    private static final Pattern TAGGED_EXECUTIONS = executions("tagged-posts");
    private static final Pattern MY_POSTS_EXECUTIONS = executions("my-posts");
    private static SampleCluster cluster;

    private static Pattern executions(String group) {
        return Pattern.compile("coalesce_executions_total\\{[^}]*method=\"" + group + "\"[^}]*} ([0-9.E]+)");
    }

    @BeforeAll
    static void startThreeInstances() throws Exception {
        cluster = new SampleCluster("cluster-keys-it", 3, "redis://127.0.0.1:6379", Map.of(
                // Room for three JVMs on a busy machine: see ClusterIT.
                "QUARKUS_COALESCE_CLUSTER_REDIS_TIMEOUT", "3s",
                "QUARKUS_COALESCE_MAX_WAIT", "30s",
                // A caller that comes after the execution still finds its result: one execution per key per test.
                "QUARKUS_COALESCE_CLUSTER_RESULT_TTL", "30s",
                "BLOG_TAGGED_EXTRA_COST", "1s"));
        for (int i = 0; i < 3; i++) {
            int port = cluster.ports.get(i);
            // Warm-up (JIT, pools) on keys the tests do not use.
            ok(port, "/posts/tagged?tag=web&limit=" + (i + 1), null);
            ok(port, "/me/posts", "admin");
            assertThat(cluster.logText(i)).contains("share executions across instances through Redis");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        THREADS.shutdownNow();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void eachTagFilterGetsItsOwnResultAndOneExecutionForTheCluster() throws Exception {
        List<List<String>> keys = List.of(List.of("java", "quarkus", "concurrency"), List.of("postgresql", "caching"));
        Map<Integer, Double> before = cluster.metric(TAGGED_EXECUTIONS);
        List<Callable<String>> calls = new ArrayList<>();
        List<Set<String>> expected = new ArrayList<>();
        for (int port : cluster.ports) {
            for (int i = 0; i < 20; i++) {
                List<String> tags = new ArrayList<>(keys.get(i % 2));
                // The same set in another order is the same key, on every instance.
                java.util.Collections.rotate(tags, i / 2);
                String query = String.join("&", tags.stream().map(tag -> "tag=" + tag).toList());
                expected.add(Set.copyOf(tags));
                calls.add(() -> ok(port, "/posts/tagged?" + query, null));
            }
        }
        List<String> bodies = concurrently(calls);
        for (int i = 0; i < bodies.size(); i++) {
            JsonNode body = JSON.readTree(bodies.get(i));
            Set<String> tags = new HashSet<>();
            body.get("filter").get("tags").forEach(tag -> tags.add(tag.asText()));
            assertThat(tags).as("caller %d's body answers its own filter: %s", i, bodies.get(i))
                    .isEqualTo(expected.get(i));
            Set<String> own = expected.get(i);
            assertThat(body.get("posts")).as("caller %d's posts", i).isNotEmpty().allSatisfy(post -> {
                Set<String> postTags = new HashSet<>();
                post.get("tags").forEach(tag -> postTags.add(tag.asText()));
                assertThat(postTags).containsAnyElementsOf(own);
            });
        }
        assertThat(SampleCluster.grown(before, cluster.metric(TAGGED_EXECUTIONS)))
                .as("executions summed over the three instances: one per filter").isEqualTo(2.0);
    }

    @Test
    void aliceAndBobShareWithinThemselvesAcrossInstancesNeverWithEachOther() throws Exception {
        Map<Integer, Double> before = cluster.metric(MY_POSTS_EXECUTIONS);
        List<Callable<String>> calls = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (int port : cluster.ports.subList(0, 2)) {
            for (int i = 0; i < 20; i++) {
                String user = i % 2 == 0 ? "alice" : "bob";
                users.add(user);
                calls.add(() -> ok(port, "/me/posts", user));
            }
        }
        List<String> bodies = concurrently(calls);
        for (int i = 0; i < bodies.size(); i++) {
            JsonNode body = JSON.readTree(bodies.get(i));
            String user = users.get(i);
            assertThat(body.get("author").asText()).as("caller %d (%s): %s", i, user, bodies.get(i)).isEqualTo(user);
            assertThat(body.get("posts")).allSatisfy(post -> assertThat(post.get("author").asText()).isEqualTo(user));
        }
        assertThat(SampleCluster.grown(before, cluster.metric(MY_POSTS_EXECUTIONS)))
                .as("executions summed over the instances: one for alice, one for bob").isEqualTo(2.0);
        // Anonymous callers have no /me/posts (its hash apart from both: ClusterKeysTest); they are turned away.
        assertThat(send(cluster.ports.get(2), "/me/posts", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aFilterThatIsNotValidIsA400NamingTheField() throws Exception {
        HttpResponse<String> none = send(cluster.ports.get(0), "/posts/tagged", null);
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(none.body()).toString()).contains("\"tag\"");
        HttpResponse<String> bad = send(cluster.ports.get(0), "/posts/tagged?tag=%3Cscript%3E", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"tag\"").doesNotContain("<script>");
        HttpResponse<String> limit = send(cluster.ports.get(0), "/posts/tagged?tag=java&limit=0", null);
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(limit.body()).contains("\"limit\"");
    }

    /** @return the bodies, in the order of the calls, all started at once and each answered 200 */
    private static List<String> concurrently(List<Callable<String>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (Callable<String> call : calls) {
            futures.add(THREADS.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<String> bodies = new ArrayList<>();
        for (Future<String> future : futures) {
            bodies.add(future.get(60, TimeUnit.SECONDS));
        }
        return bodies;
    }

    private static HttpResponse<String> send(int port, String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (user != null) {
            // The sample's demo users: each password is the user's name.
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the body of a call that must answer 200 */
    private static String ok(int port, String path, String user) throws Exception {
        HttpResponse<String> response = send(port, path, user);
        assertThat(response.statusCode()).as(path + " as " + user + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
