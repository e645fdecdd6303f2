package io.github.coalesce.deployment.views;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.testsupport.TestDatasource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The viewer relation without {@code viewers.secret} fails the start, naming the property: without a key the
 * relation would have to store addresses, or hashes anyone can reverse.
 */
class ViewerSecretMissingTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestDatasource.on(new QuarkusUnitTest(), QuarkusUnitTest::overrideConfigKey)
            .withApplicationRoot(jar -> jar.addClasses(Schema.class, Tables.class))
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "nosecret_post")
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.enabled", "true")
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.table", "nosecret_post_viewer")
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.unique-column", "unique_viewers")
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.daily-table", "nosecret_post_views_daily")
            .assertException(failure -> assertThat(ViewCounterUnknownColumnTest.messages(failure))
                    .contains("quarkus.coalesce.view-counter.viewers.secret is required when the viewer relation"
                            + " is on"));

    @Test
    void theStartFailsNamingTheSecretProperty() {
        // assertException checks the failure
    }

    @ApplicationScoped
    public static class Schema {

        /** Every table exists, so that the secret is the only thing wrong. */
        void create(@Observes @Priority(1) StartupEvent event, DataSource dataSource) {
            Tables.createViewerRelation(dataSource, "nosecret_post", "nosecret_post_viewer",
                    "nosecret_post_views_daily");
        }
    }
}
