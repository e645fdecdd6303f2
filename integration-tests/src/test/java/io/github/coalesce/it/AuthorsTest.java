package io.github.coalesce.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may write: any author creates posts (and becomes their author), only the author or an admin edits or deletes
 * one. Reads stay public. Failures are 401/403 JSON bodies, never a 500.
 */
@QuarkusTest
class AuthorsTest {

    private static final String POST = "{\"title\":\"Mine\",\"body\":\"# Mine\\n\\nmine\",\"tags\":[\"auth\"]}";
    private static final String EDIT = "{\"title\":\"Edited\",\"body\":\"edited\",\"tags\":[]}";

    @Test
    void theCallerBecomesTheAuthorAndOnlyTheyOrAnAdminMayChangeThePost() {
        long id = as("alice").contentType(ContentType.JSON).body(POST).post("/posts").then().statusCode(201)
                .body("author", equalTo("alice")).extract().jsonPath().getLong("id");
        String path = "/posts/" + id;

        as("bob").contentType(ContentType.JSON).body(EDIT).put(path).then().statusCode(403)
                .body("status", equalTo(403)).body("message", containsString("only alice (its author) or an admin"));
        as("bob").delete(path).then().statusCode(403).body("status", equalTo(403));
        as("alice").contentType(ContentType.JSON).body(EDIT).put(path).then().statusCode(200)
                .body("title", equalTo("Edited")).body("author", equalTo("alice"));
        as("admin").contentType(ContentType.JSON).body(POST).put(path).then().statusCode(200)
                .body("title", equalTo("Mine")).body("author", equalTo("alice"));
        given().get(path).then().statusCode(200).body("author", equalTo("alice"));
        as("admin").delete(path).then().statusCode(204);
        given().get(path).then().statusCode(404);
    }

    @Test
    void writingWithoutValidCredentialsIsA401InJson() {
        long seeded = given().get("/posts?size=1").then().extract().jsonPath().getLong("posts[0].id");
        given().contentType(ContentType.JSON).body(POST).post("/posts").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic")).contentType(ContentType.JSON)
                .body("status", equalTo(401)).body("error", equalTo("Unauthorized"));
        given().auth().preemptive().basic("alice", "wrong").contentType(ContentType.JSON).body(POST).post("/posts")
                .then().statusCode(401).body("status", equalTo(401));
        given().contentType(ContentType.JSON).body(EDIT).put("/posts/" + seeded).then().statusCode(401)
                .body("status", equalTo(401));
        given().delete("/posts/" + seeded).then().statusCode(401).body("status", equalTo(401));
        // Someone else's post, even one that does not exist, is not a server error either.
        as("bob").delete("/posts/999999").then().statusCode(404).body("status", equalTo(404));
    }

    @Test
    void readsArePublicAndShowTheAuthor() {
        given().get("/posts?size=20").then().statusCode(200)
                .body("posts.author", everyItem(in(List.of("alice", "bob", "admin"))));
        long seeded = given().get("/posts?size=1&page=30").then().extract().jsonPath().getLong("posts[0].id");
        given().get("/posts/" + seeded).then().statusCode(200).body("author", equalTo(seeded % 2 == 0 ? "bob"
                : "alice"));
        given().get("/metadata").then().statusCode(200);
        given().get("/p/" + seeded).then().statusCode(200).body(containsString("by " + (seeded % 2 == 0 ? "bob"
                : "alice")));
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }
}
