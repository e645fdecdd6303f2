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

/** A column that does not exist fails the start, naming the property to fix. */
class ViewCounterUnknownColumnTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestDatasource.on(new QuarkusUnitTest(), QuarkusUnitTest::overrideConfigKey)
            .withApplicationRoot(jar -> jar.addClasses(Schema.class, Tables.class))
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "checked_post")
            .overrideConfigKey("quarkus.coalesce.view-counter.count-column", "view_count")
            .assertException(failure -> assertThat(messages(failure))
                    .contains("quarkus.coalesce.view-counter.count-column")
                    .contains("view_count"));

    @Test
    void theStartFails() {
        // assertException checks the failure
    }

    static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @ApplicationScoped
    public static class Schema {
        void create(@Observes @Priority(1) StartupEvent event, DataSource dataSource) {
            Tables.createCounted(dataSource, "checked_post");
        }
    }
}
