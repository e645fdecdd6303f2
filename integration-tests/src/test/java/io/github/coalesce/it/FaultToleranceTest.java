package io.github.coalesce.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * SmallRye FT inside @Coalesce against a real lock: statements give up after lock_timeout (500 ms), @Retry tries
 * again, and once retries run out the client gets a 503, not a 500.
 */
@QuarkusTest
class FaultToleranceTest {

    @Inject
    DataSource dataSource;

    @Test
    void aShortLockIsRiddenOutByRetriesInsideTheFlight() throws Exception {
        double retriesBefore = retries();
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE post IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Integer> status = CompletableFuture
                    .supplyAsync(() -> given().get("/metadata").then().extract().statusCode());
            // Attempt 1: 500 ms of metadata cost, then its query gives up after lock_timeout (500 ms);
            // attempt 2 starts 100 ms later and its query gets the lock when it is released.
            Thread.sleep(2_000);
            locker.rollback();
            assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(200);
        }
        assertThat(retries() - retriesBefore).as("retries recorded by SmallRye FT").isPositive();
    }

    @Test
    void aLongLockEndsInA503WithAJsonBody() throws Exception {
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE post IN ACCESS EXCLUSIVE MODE");
            given().get("/posts/2/metadata").then().statusCode(503).body("status", equalTo(503));
            locker.rollback();
        }
        given().get("/posts/2/metadata").then().statusCode(200);
    }

    private static double retries() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("ft_retry_retries_total") && line.contains("MetadataService"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
