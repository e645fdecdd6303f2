package io.github.coalesce.deployment.views;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.testsupport.TestDatasource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The viewer relation's meters, under the names the README documents, count what the database did: pairs written,
 * views its cooldown rejected, new unique viewers, rows the retention deleted, pairs pending.
 */
class ViewerRelationMetricsTest {

    private static final String SECRET = "metrics-test-secret-0123456789";

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestDatasource.on(new QuarkusUnitTest(), QuarkusUnitTest::overrideConfigKey)
            .withApplicationRoot(jar -> jar.addClasses(Posts.class, Schema.class, Tables.class))
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "vm_post")
            .overrideConfigKey("quarkus.coalesce.view-counter.flush-interval", "1h")
            // RestAssured's User-Agent (Apache-HttpClient/…) stands for a reader here.
            .overrideConfigKey("quarkus.coalesce.view-counter.bots.http-clients", "false")
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.enabled", "true")
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.table", "vm_post_viewer")
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.unique-column", "unique_viewers")
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.daily-table", "vm_post_views_daily")
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.secret", SECRET)
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.retention", "30d")
            // Batches of 2, so that the meter has to add up several DELETEs of one round.
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.retention-batch-size", "2")
            // Each X-Forwarded-For address is a viewer of its own (all requests come from 127.0.0.1).
            .overrideConfigKey("quarkus.http.proxy.proxy-address-forwarding", "true")
            .overrideConfigKey("quarkus.http.proxy.allow-x-forwarded", "true");

    @Inject
    ViewCounter counter;

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @Test
    void retentionDeletedCountsEveryRowTheFirstRoundAtStartDeleted() {
        // The default interval is 1h: the round at start is the only one, so the count cannot move after it.
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(count("retention.deleted"))
                .as("5 relation rows and 2 daily buckets older than 30d").isEqualTo(7));
        assertThat(Tables.queryLong(dataSource, "SELECT count(*) FROM vm_post_viewer WHERE post_id >= 90"))
                .isEqualTo(1);
        assertThat(Tables.queryLong(dataSource, "SELECT count(*) FROM vm_post_views_daily WHERE post_id >= 90"))
                .isEqualTo(1);
    }

    @Test
    void pairsRejectionsAndUniqueViewersAreCountedAsTheDatabaseDecided() throws Exception {
        // Another instance counted 203.0.113.50's view of post 5 a moment ago: the database cooldown rejects this one.
        Tables.execute(dataSource, "INSERT INTO vm_post_viewer VALUES (5, '" + stored("address:203.0.113.50")
                + "', now(), now(), now(), 1)", "UPDATE vm_post SET views = 1, unique_viewers = 1 WHERE id = 5");
        view(1, "198.51.100.1");
        view(1, "198.51.100.1"); // within the in-memory cooldown: deduplicated, no second pair
        view(1, "198.51.100.2");
        view(1, "198.51.100.3");
        view(2, "198.51.100.1");
        view(2, "198.51.100.2");
        view(5, "203.0.113.50");
        assertThat(gauge("pending.pairs")).as("distinct (id, viewer) pairs before the flush").isEqualTo(6);

        counter.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(count("pairs.written")).as("every distinct pair, the rejected one too").isEqualTo(6);
        assertThat(count("rejected.by.database.cooldown")).isEqualTo(1);
        assertThat(count("unique.viewers.added")).as("all pairs but the one whose row existed").isEqualTo(5);
        assertThat(gauge("pending.pairs")).isZero();
        assertThat(Tables.queryLong(dataSource, "SELECT views FROM vm_post WHERE id = 5")).isEqualTo(1);
        assertThat(Tables.queryLong(dataSource, "SELECT unique_viewers FROM vm_post WHERE id = 5")).isEqualTo(1);
        assertThat(Tables.queryLong(dataSource, "SELECT views FROM vm_post WHERE id = 1")).isEqualTo(3);
        assertThat(Tables.queryLong(dataSource, "SELECT unique_viewers FROM vm_post WHERE id = 2")).isEqualTo(2);
    }

    private static void view(long id, String address) {
        given().header("X-Forwarded-For", address).get("/posts/" + id).then().statusCode(200);
    }

    private double count(String words) {
        return registry.get("coalesce.views." + words).tag("counter", "<default>").functionCounter().count();
    }

    private double gauge(String words) {
        return registry.get("coalesce.views." + words).tag("counter", "<default>").gauge().value();
    }

    /** The relation's form of a viewer as the README specifies it: {@code h:} + Base64url(HMAC-SHA-256). */
    private static String stored(String viewer) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "h:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(viewer.getBytes(StandardCharsets.UTF_8)));
    }

    @Path("/posts")
    public static class Posts {

        @Inject
        ViewCounter counter;

        @GET
        @Path("{id}")
        public String post(@PathParam("id") long id) {
            counter.record(id);
            return "post " + id;
        }
    }

    @ApplicationScoped
    public static class Schema {

        /**
         * Before the counter starts, so before the retention's first round: rows older than the 30d retention, and
         * one of each that is not.
         */
        void create(@Observes @Priority(1) StartupEvent event, DataSource dataSource) {
            Tables.createViewerRelation(dataSource, "vm_post", "vm_post_viewer", "vm_post_views_daily");
            Tables.execute(dataSource,
                    "INSERT INTO vm_post_viewer SELECT 90 + i, 'h:gone-' || i, now() - interval '40 days',"
                            + " now() - interval '40 days', now() - interval '40 days', 1 FROM generate_series(0, 4) i",
                    "INSERT INTO vm_post_viewer VALUES (95, 'h:kept', now() - interval '10 days',"
                            + " now() - interval '10 days', now() - interval '10 days', 1)",
                    "INSERT INTO vm_post_views_daily VALUES (90, current_date - 40, 1), (91, current_date - 40, 1),"
                            + " (95, current_date - 10, 1)");
        }
    }
}
