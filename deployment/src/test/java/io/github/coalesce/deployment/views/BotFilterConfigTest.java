package io.github.coalesce.deployment.views;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * {@code bots.http-clients} and {@code bots.extra-patterns} over real HTTP: by default a generic client (RestAssured's
 * {@code Apache-HttpClient/…}, curl) is a bot; a counter with {@code http-clients=false} counts it; an extra pattern
 * makes a browser-shaped User-Agent a bot.
 */
class BotFilterConfigTest {

    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestDatasource.on(new QuarkusUnitTest(), QuarkusUnitTest::overrideConfigKey)
            .withApplicationRoot(jar -> jar.addClasses(Posts.class, Schema.class, Tables.class))
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "bots_post")
            .overrideConfigKey("quarkus.coalesce.view-counter.flush-interval", "1h")
            .overrideConfigKey("quarkus.coalesce.view-counter.cooldown", "0s")
            .overrideConfigKey("quarkus.coalesce.view-counter.bots.extra-patterns", "AcmeReader/[0-9],^acme-internal")
            .overrideConfigKey("quarkus.coalesce.view-counter.\"clients\".table", "bots_post")
            .overrideConfigKey("quarkus.coalesce.view-counter.\"clients\".flush-interval", "1h")
            .overrideConfigKey("quarkus.coalesce.view-counter.\"clients\".cooldown", "0s")
            .overrideConfigKey("quarkus.coalesce.view-counter.\"clients\".bots.http-clients", "false");

    @Inject
    ViewCounter posts;

    @Inject
    @Identifier("clients")
    ViewCounter clients;

    @Test
    void genericClientsAreBotsByDefaultAndCountWhenConfiguredSo() {
        long botsBefore = posts.stats().botFiltered();
        given().get("/posts/1").then().statusCode(200); // RestAssured's own User-Agent
        given().header("User-Agent", "curl/8.5.0").get("/posts/1").then().statusCode(200);
        given().header("User-Agent", FIREFOX).get("/posts/1").then().statusCode(200);

        assertThat(posts.pending(1)).as("only the browser counts").isEqualTo(1);
        assertThat(posts.stats().botFiltered() - botsBefore).isEqualTo(2);
        assertThat(clients.pending(1)).as("http-clients=false: all three count").isEqualTo(3);
        assertThat(clients.stats().botFiltered()).isZero();
    }

    @Test
    void extraPatternsAreBots() {
        given().header("User-Agent", FIREFOX + " AcmeReader/2").get("/posts/2").then().statusCode(200);
        given().header("User-Agent", "acme-internal").get("/posts/2").then().statusCode(200);

        assertThat(posts.pending(2)).isZero();
        assertThat(clients.pending(2)).as("the extra patterns are the default counter's only").isEqualTo(2);
    }

    @Path("/")
    public static class Posts {

        @Inject
        ViewCounter posts;

        @Inject
        @Identifier("clients")
        ViewCounter clients;

        @GET
        @Path("posts/{id}")
        public String post(@PathParam("id") long id) {
            posts.record(id);
            clients.record(id);
            return "post " + id;
        }
    }

    @ApplicationScoped
    public static class Schema {

        /** Before the counters check their tables at start-up. */
        void create(@Observes @Priority(1) StartupEvent event, DataSource dataSource) {
            Tables.createCounted(dataSource, "bots_post");
        }
    }
}
