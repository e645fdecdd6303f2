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
import io.github.coalesce.ViewerFilter;
import io.github.coalesce.testsupport.TestDatasource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.QuarkusUnitTest;

/** An application bean implementing {@link ViewerFilter} replaces the built-in check entirely. */
class ViewerFilterBeanTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestDatasource.on(new QuarkusUnitTest(), QuarkusUnitTest::overrideConfigKey)
            .withApplicationRoot(jar -> jar.addClasses(Posts.class, Schema.class, NoFirefox.class, Tables.class))
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "filter_bean_post")
            .overrideConfigKey("quarkus.coalesce.view-counter.flush-interval", "1h")
            .overrideConfigKey("quarkus.coalesce.view-counter.cooldown", "0s");

    @Inject
    ViewCounter posts;

    @Test
    void theBeanDecidesAlone() {
        given().header("User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
                .get("/posts/3").then().statusCode(200);
        given().header("User-Agent", "curl/8.5.0").get("/posts/3").then().statusCode(200);
        given().header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0")
                .get("/posts/3").then().statusCode(200);

        assertThat(posts.pending(3)).as("the crawler and the client count: the built-in check is not asked")
                .isEqualTo(2);
        assertThat(posts.stats().botFiltered()).as("the browser the bean calls a bot").isEqualTo(1);
    }

    /** A deliberately odd rule, so that only this bean can have decided. */
    @ApplicationScoped
    public static class NoFirefox implements ViewerFilter {

        @Override
        public boolean isBot(ViewCounter.Viewer viewer) {
            return viewer.userAgent() != null && viewer.userAgent().contains("Firefox/");
        }
    }

    @Path("/")
    public static class Posts {

        @Inject
        ViewCounter posts;

        @GET
        @Path("posts/{id}")
        public String post(@PathParam("id") long id) {
            posts.record(id);
            return "post " + id;
        }
    }

    @ApplicationScoped
    public static class Schema {

        /** Before the counters check their tables at start-up. */
        void create(@Observes @Priority(1) StartupEvent event, DataSource dataSource) {
            Tables.createCounted(dataSource, "filter_bean_post");
        }
    }
}
