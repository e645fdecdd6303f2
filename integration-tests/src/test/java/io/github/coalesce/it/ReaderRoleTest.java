package io.github.coalesce.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A signed-in user whose role may not write: the demo reader carol ({@code reader}) signs in and reads what is hers,
 * and every write is a 403 JSON body, decided by her role before the post is looked at (so {@code @Authenticated} in
 * place of {@code @RolesAllowed} fails here, where every other user's test would still pass).
 */
@QuarkusTest
class ReaderRoleTest {

    private static final String POST = "{\"title\":\"Carol's\",\"body\":\"# Carol\\n\\nby a reader\",\"tags\":[]}";
    private static final String MISSING = "999999";

    @Test
    void everyWriteEndpointOfTheSampleIsCoveredHere() {
        List<String> writes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.coalesce.sample").stream().flatMap(type -> type.getMethods().stream())
                .filter(ReaderRoleTest::writes)
                .map(method -> method.getOwner().getSimpleName() + "." + method.getName()).sorted().toList();
        // POST /demo/burst writes nothing (it sends GETs to /metadata) and is open to anonymous readers by design.
        assertThat(writes).as("the sample's POST/PUT/PATCH/DELETE methods: a new one needs a case below")
                .containsExactly("DemoResource.burst", "PostResource.create", "PostResource.delete",
                        "PostResource.update");
    }

    /**
     * Every write, on a post of alice's and on one that does not exist: a 403 either way, since the role is checked
     * before the post is looked for (the author check after it would give the first a 403 too, the second a 404).
     */
    @ParameterizedTest
    @CsvSource({ "POST,/posts", "PUT,/posts/{alices}", "DELETE,/posts/{alices}", "PUT,/posts/" + MISSING,
            "DELETE,/posts/" + MISSING })
    void aReaderMayNotWrite(String method, String path) {
        long alices = as("alice").contentType(ContentType.JSON).body(POST).post("/posts").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long before = total();
        carol().contentType(ContentType.JSON).body(POST.replace("Carol's", "Edited"))
                .request(method, path.replace("{alices}", Long.toString(alices))).then().statusCode(403)
                .contentType(ContentType.JSON).body("status", equalTo(403)).body("error", equalTo("Forbidden"))
                .body("message", equalTo("your role may not do this"));
        assertThat(total()).as("posts after carol's " + method).isEqualTo(before);
        given().get("/posts/" + alices).then().statusCode(200).body("title", equalTo("Carol's"))
                .body("author", equalTo("alice"));
        as("alice").delete("/posts/" + alices).then().statusCode(204);
    }

    @Test
    void aReaderSignsInAndSeesWhatSheViewed() {
        long seeded = given().get("/posts?size=1").then().statusCode(200).extract().jsonPath().getLong("posts[0].id");
        carol().get("/posts/" + seeded).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> carol().get("/me/recently-viewed").then()
                .statusCode(200).contentType(ContentType.JSON).body("[0].id", equalTo((int) seeded)));
        carol().get("/me/posts").then().statusCode(200).body("author", equalTo("carol")).body("posts.size()",
                equalTo(0));
        given().auth().preemptive().basic("carol", "wrong").get("/me/recently-viewed").then().statusCode(401);
    }

    private static boolean writes(JavaMethod method) {
        return List.of("POST", "PUT", "PATCH", "DELETE").stream()
                .anyMatch(verb -> method.isAnnotatedWith("jakarta.ws.rs." + verb));
    }

    private static long total() {
        return given().get("/posts?size=1").then().statusCode(200).extract().jsonPath().getLong("total");
    }

    private static RequestSpecification carol() {
        return as("carol");
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }
}
