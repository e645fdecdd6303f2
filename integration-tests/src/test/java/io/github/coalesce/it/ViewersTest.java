package io.github.coalesce.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Trending, unique viewers and "recently viewed" of the sample app, over real HTTP and a real PostgreSQL. */
@QuarkusTest
class ViewersTest {

    @Test
    void trendingIsSortedByTheViewsOfThePeriodWithFourteenDaysOfSparkline() {
        List<Integer> periodViews = given().get("/posts/trending?days=7&limit=5").then().statusCode(200)
                .body("$", hasSize(5)).body("daily", everyItem(hasSize(14)))
                .body("periodViews", everyItem(greaterThan(0)))
                .extract().jsonPath().getList("periodViews", Integer.class);
        assertThat(periodViews).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        given().get("/posts/trending").then().statusCode(200).body("size()", lessThanOrEqualTo(10));
    }

    @ParameterizedTest
    @CsvSource({ "days=0,days", "days=91,days", "days=week,days", "limit=0,limit", "limit=101,limit",
            "limit=ten,limit", "days=7&limit=-1,limit" })
    void badTrendingParametersAre400NamingTheField(String query, String field) {
        given().get("/posts/trending?" + query).then().statusCode(400).contentType(ContentType.JSON)
                .body("status", equalTo(400)).body("field", equalTo(field)).body("message", containsString(field));
    }

    @Test
    void aSignedInReaderIsAUniqueViewerAndFindsThePostInRecentlyViewedNewestFirst() {
        long first = create("Read by alice first");
        long second = create("Read by alice second");
        given().get("/posts/" + first).then().statusCode(200).body("uniqueViewers", equalTo(0));
        given().auth().preemptive().basic("alice", "alice").get("/posts/" + first).then().statusCode(200);
        given().auth().preemptive().basic("alice", "alice").get("/posts/" + first).then().statusCode(200);
        given().auth().preemptive().basic("alice", "alice").get("/posts/" + second).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().preemptive().basic("alice", "alice")
                .get("/me/recently-viewed").then().statusCode(200)
                .body("[0].id", equalTo((int) second)).body("[1].id", equalTo((int) first))
                .body("[1].views", equalTo(2)));
        // Cooldown 0s in tests: every view counts; the anonymous reader and alice are two readers.
        given().get("/posts/" + first).then().statusCode(200).body("uniqueViewers", equalTo(2));
        List<Integer> bobs = given().auth().preemptive().basic("bob", "bob").get("/me/recently-viewed").then()
                .statusCode(200).extract().jsonPath().getList("id", Integer.class);
        assertThat(bobs).doesNotContain((int) first, (int) second);
        given().get("/me/recently-viewed").then().statusCode(401).contentType(ContentType.JSON);
        given().auth().preemptive().basic("alice", "alice").get("/me/recently-viewed?limit=0").then().statusCode(400)
                .body("field", equalTo("limit"));
    }

    @Test
    void theFrontPageShowsTrendingThisWeekWithASparklinePerPost() {
        String html = given().get("/").then().statusCode(200).extract().asString();
        assertThat(html).contains("Trending this week").contains("<svg class=\"sparkline\"")
                .contains("aria-label=\"Views per day over the last 14 days of ");
        assertThat(html.split("<li class=\"trending-post\"", -1)).hasSize(6);
    }

    @Test
    void thePostPageShowsItsReaders() {
        given().get("/p/1").then().statusCode(200).body(containsString("<span id=\"unique-viewers\">"));
    }

    private static long create(String title) {
        return given().auth().preemptive().basic("alice", "alice").contentType(ContentType.JSON)
                .body("{\"title\":\"" + title + "\",\"body\":\"text\"}")
                .post("/posts").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
