package io.github.coalesce.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The blog's JSON API over real HTTP: CRUD (as an author), bad input, and views counted off the request path. */
@QuarkusTest
class PostApiTest {

    @TestHTTPResource("/posts")
    URI posts;

    @Test
    void createReadUpdateDelete() {
        String location = alice().contentType(ContentType.JSON)
                .body("{\"title\":\"Coalescing 101\",\"body\":\"# Intro\\n\\nOne flight.\",\"tags\":[\"Go\",\"java\"]}")
                .post("/posts")
                .then().statusCode(201).header("Location", containsString("/posts/"))
                .body("title", equalTo("Coalescing 101")).body("tags", hasItems("go", "java"))
                .extract().header("Location");
        String path = URI.create(location).getPath();

        given().get(path).then().statusCode(200).body("body", startsWith("# Intro"));
        alice().contentType(ContentType.JSON).body("{\"title\":\"Coalescing 102\",\"body\":\"new\",\"tags\":[]}")
                .put(path).then().statusCode(200).body("title", equalTo("Coalescing 102")).body("tags", hasSize(0));
        given().get(path).then().statusCode(200).body("title", equalTo("Coalescing 102"));
        alice().delete(path).then().statusCode(204);
        given().get(path).then().statusCode(404).body("message", containsString("does not exist"));
        alice().delete(path).then().statusCode(404);
    }

    @Test
    void listsArePagedNewestFirst() {
        given().get("/posts?page=0&size=5").then().statusCode(200)
                .body("posts", hasSize(5)).body("size", equalTo(5)).body("page", equalTo(0));
        given().get("/posts?page=1000&size=5").then().statusCode(200).body("posts", hasSize(0));
    }

    @Test
    void badInputIsA400NamingTheFieldNeverA500() {
        given().get("/posts/abc").then().statusCode(400).body("field", equalTo("id"));
        given().get("/posts/-4").then().statusCode(400).body("field", equalTo("id"));
        given().get("/posts/999999").then().statusCode(404).body("status", equalTo(404));
        given().get("/posts?size=0").then().statusCode(400).body("field", equalTo("size"));
        given().get("/posts?size=101").then().statusCode(400).body("field", equalTo("size"));
        given().get("/posts?page=x").then().statusCode(400).body("field", equalTo("page"));
        alice().contentType(ContentType.JSON).body("{\"title\":").post("/posts")
                .then().statusCode(400).body("message", containsString("not valid JSON"));
        alice().contentType(ContentType.JSON).body("{\"body\":\"x\"}").post("/posts")
                .then().statusCode(400).body("field", equalTo("title"));
        alice().contentType(ContentType.JSON).body("{\"title\":\"" + "t".repeat(201) + "\",\"body\":\"x\"}")
                .post("/posts").then().statusCode(400).body("field", equalTo("title"))
                .body("message", containsString("at most 200"));
        alice().contentType(ContentType.JSON).body("{\"title\":\"t\"}").post("/posts")
                .then().statusCode(400).body("field", equalTo("body"));
        alice().contentType(ContentType.JSON).body("{\"title\":\"t\",\"body\":\"x\",\"tags\":\"one\"}")
                .post("/posts").then().statusCode(400).body("field", equalTo("tags"));
        alice().contentType(ContentType.JSON).body("{\"title\":\"t\",\"body\":\"x\",\"tags\":[\"" + "x".repeat(41)
                + "\"]}").post("/posts").then().statusCode(400).body("field", equalTo("tags"));
        alice().contentType(ContentType.JSON).post("/posts").then().statusCode(400);
        alice().contentType(ContentType.TEXT).body("hello").post("/posts").then().statusCode(415)
                .body("status", equalTo(415));
    }

    @Test
    void concurrentViewsAreAllCountedAndWrittenByTheCounter() throws Exception {
        long id = alice().contentType(ContentType.JSON).body("{\"title\":\"Counted\",\"body\":\"views\"}")
                .post("/posts").then().statusCode(201).extract().jsonPath().getLong("id");
        int views = 40;
        double recordedBefore = counterMetric("coalesce_views_recorded_total");
        double writtenBefore = counterMetric("coalesce_views_views_written_total");
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < views; i++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create(posts + "/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            if (response.get(30, TimeUnit.SECONDS).statusCode() != 200) {
                throw new AssertionError(response.get().body());
            }
        }
        // The stored count (in the list, which reads the table only) reaches N once the counter has flushed.
        await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> given().get("/posts?size=1").then()
                .body("posts[0].id", equalTo((int) id)).body("posts[0].views", equalTo(views)));
        // The same in the app's own meters (other tests may record views meanwhile, hence at least).
        assertThat(counterMetric("coalesce_views_recorded_total") - recordedBefore).isGreaterThanOrEqualTo(views);
        assertThat(counterMetric("coalesce_views_views_written_total") - writtenBefore).isGreaterThanOrEqualTo(views);
        // Editing the post afterwards must not write back a stale count.
        alice().contentType(ContentType.JSON).body("{\"title\":\"Counted, edited\",\"body\":\"views\"}")
                .put("/posts/" + id).then().statusCode(200);
        given().get("/posts?size=1").then().body("posts[0].title", equalTo("Counted, edited"))
                .body("posts[0].views", equalTo(views));
    }

    /** The JSON API writes only for authors: these requests log in as alice (HTTP Basic). */
    static RequestSpecification alice() {
        return given().auth().preemptive().basic("alice", "alice");
    }

    private static double counterMetric(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(name + "{counter=\"<default>\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in /q/metrics"));
    }
}
