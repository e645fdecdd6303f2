package io.github.coalesce.deployment.views;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

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
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;

/** The injected counters over real HTTP: the viewer comes from the request, views reach PostgreSQL. */
class ViewCounterHttpTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestDatasource.on(new QuarkusUnitTest(), QuarkusUnitTest::overrideConfigKey)
            .withApplicationRoot(jar -> jar.addClasses(Posts.class, Schema.class, Tables.class))
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "http_post")
            .overrideConfigKey("quarkus.coalesce.view-counter.flush-interval", "1h")
            // RestAssured's User-Agent (Apache-HttpClient/…) stands for a reader here.
            .overrideConfigKey("quarkus.coalesce.view-counter.bots.http-clients", "false")
            .overrideConfigKey("quarkus.coalesce.view-counter.\"pages\".bots.http-clients", "false")
            .overrideConfigKey("quarkus.coalesce.view-counter.\"pages\".table", "http_page")
            .overrideConfigKey("quarkus.coalesce.view-counter.\"pages\".count-column", "hits")
            .overrideConfigKey("quarkus.coalesce.view-counter.\"pages\".cooldown", "0s")
            .overrideConfigKey("quarkus.coalesce.view-counter.\"pages\".flush-interval", "1h");

    @Inject
    ViewCounter posts;

    @Inject
    @Identifier("pages")
    ViewCounter pages;

    @Inject
    DataSource dataSource;

    @Test
    void viewsFromOneClientCountOnceWithinTheCooldownAndBotsNotAtAll() throws Exception {
        given().get("/posts/7").then().statusCode(200);
        given().get("/posts/7").then().statusCode(200);
        given().header("User-Agent", "Mozilla/5.0 (compatible; bingbot/2.0)").get("/posts/7").then().statusCode(200);
        given().get("/posts/8").then().statusCode(200);

        assertThat(posts.pending(7)).isEqualTo(1);
        assertThat(posts.pending(8)).isEqualTo(1);
        assertThat(posts.stats().deduplicated()).isEqualTo(1);
        assertThat(posts.stats().botFiltered()).isEqualTo(1);

        posts.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(Tables.queryLong(dataSource, "SELECT views FROM http_post WHERE id = 7")).isEqualTo(1);
        assertThat(posts.pending(7)).isZero();
    }

    @Test
    void aNamedCounterWritesToItsOwnTableAndColumn() throws Exception {
        for (int i = 0; i < 3; i++) {
            given().get("/pages/4").then().statusCode(200);
        }
        assertThat(pages.pending(4)).as("cooldown 0s: every view counts").isEqualTo(3);
        pages.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(Tables.queryLong(dataSource, "SELECT hits FROM http_page WHERE id = 4")).isEqualTo(3);
        assertThat(posts.pending(4)).isZero();
    }

    @Path("/")
    public static class Posts {

        @Inject
        ViewCounter posts;

        @Inject
        @Identifier("pages")
        ViewCounter pages;

        @GET
        @Path("posts/{id}")
        public String post(@PathParam("id") long id) {
            posts.record(id);
            return "post " + id;
        }

        @GET
        @Path("pages/{id}")
        public String page(@PathParam("id") long id) {
            pages.record(id);
            return "page " + id;
        }
    }

    @ApplicationScoped
    public static class Schema {

        /** Before the counters check their tables at start-up. */
        void create(@Observes @Priority(1) StartupEvent event, DataSource dataSource) {
            Tables.createCounted(dataSource, "http_post");
            Tables.execute(dataSource, "DROP TABLE IF EXISTS http_page",
                    "CREATE TABLE http_page (id bigint PRIMARY KEY, hits bigint NOT NULL DEFAULT 0)",
                    "INSERT INTO http_page (id) SELECT i FROM generate_series(1, 10) i");
        }
    }
}
