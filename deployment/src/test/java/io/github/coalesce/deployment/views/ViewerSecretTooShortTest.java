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
 * A {@code viewers.secret} shorter than 16 characters fails the start, naming the property and its length but not
 * the secret itself: a short key can be guessed, and a start-up log is no place for it.
 */
class ViewerSecretTooShortTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestDatasource.on(new QuarkusUnitTest(), QuarkusUnitTest::overrideConfigKey)
            .withApplicationRoot(jar -> jar.addClasses(Schema.class, Tables.class))
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "shortsecret_post")
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.enabled", "true")
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.table", "shortsecret_post_viewer")
            .overrideConfigKey("quarkus.coalesce.view-counter.viewers.secret", "fifteen-chars-x")
            .assertException(failure -> assertThat(ViewCounterUnknownColumnTest.messages(failure))
                    .contains("quarkus.coalesce.view-counter.viewers.secret must be at least 16 characters long"
                            + " (it is 15)")
                    .doesNotContain("fifteen-chars-x"));

    @Test
    void theStartFailsNamingTheSecretPropertyWithoutShowingTheSecret() {
        // assertException checks the failure
    }

    @ApplicationScoped
    public static class Schema {

        /** Every table exists, so that the secret is the only thing wrong. */
        void create(@Observes @Priority(1) StartupEvent event, DataSource dataSource) {
            Tables.createViewerRelation(dataSource, "shortsecret_post", "shortsecret_post_viewer",
                    "shortsecret_post_views_daily");
        }
    }
}
