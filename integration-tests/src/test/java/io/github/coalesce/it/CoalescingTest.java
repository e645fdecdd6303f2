package io.github.coalesce.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A burst on a metadata endpoint is served by one execution, visible in headers and in /q/metrics. */
@QuarkusTest
class CoalescingTest {

    static final int BURST = 30;

    @TestHTTPResource("/metadata")
    URI site;

    @TestHTTPResource("/posts/4/metadata")
    URI post;

    @Test
    void aBurstOnSiteMetadataSharesOneExecution() throws Exception {
        double callsBefore = metric("coalesce_calls_total", "site-metadata");
        double executionsBefore = metric("coalesce_executions_total", "site-metadata");
        double fanInsBefore = metric("coalesce_fan_in_count", "site-metadata");
        double fanInSumBefore = metric("coalesce_fan_in_sum", "site-metadata");

        List<HttpResponse<String>> responses = burst(site);

        Set<String> executions = responses.stream().map(r -> r.headers().firstValue("X-Coalesce-Execution").orElseThrow())
                .collect(Collectors.toSet());
        assertThat(executions).as("every response names the same execution").hasSize(1);
        assertThat(responses).allSatisfy(r -> assertThat(r.body()).contains("\"topPosts\"").contains("\"tags\""));
        assertThat(metric("coalesce_calls_total", "site-metadata") - callsBefore).isEqualTo(BURST);
        assertThat(metric("coalesce_executions_total", "site-metadata") - executionsBefore).isEqualTo(1);
        // The fan-in distribution got one sample: the execution that served all BURST callers.
        assertThat(metric("coalesce_fan_in_count", "site-metadata") - fanInsBefore).isEqualTo(1);
        assertThat(metric("coalesce_fan_in_sum", "site-metadata") - fanInSumBefore).isEqualTo(BURST);
        assertThat(metric("coalesce_fan_in_max", "site-metadata")).isGreaterThanOrEqualTo(BURST);
    }

    @Test
    void readinessIncludesTheViewCounter() {
        String ready = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(ready).contains("\"quarkus-coalesce view counters\"", "\"<default>.oldest-pending-age\"")
                .containsPattern("\"<default>.failed-flushes-in-a-row\":\\s*0");
    }

    @Test
    void aBurstOnPostMetadataSharesOneExecution() throws Exception {
        List<HttpResponse<String>> responses = burst(post);
        assertThat(responses.stream().map(r -> r.headers().firstValue("X-Coalesce-Execution").orElseThrow())
                .distinct()).hasSize(1);
        assertThat(responses.get(0).body()).contains("\"readingMinutes\"").contains("\"toc\"")
                .contains("\"related\"");
    }

    private static List<HttpResponse<String>> burst(URI uri) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            pending.add(client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : pending) {
            HttpResponse<String> done = response.get(30, TimeUnit.SECONDS);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            responses.add(done);
        }
        return responses;
    }

    static double metric(String name, String method) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains("method=\"" + method + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
