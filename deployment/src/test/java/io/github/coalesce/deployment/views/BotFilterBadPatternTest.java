package io.github.coalesce.deployment.views;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** An extra pattern that is no regular expression fails the start, naming the property and the pattern. */
class BotFilterBadPatternTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "any_table")
            .overrideConfigKey("quarkus.coalesce.view-counter.bots.extra-patterns", "Acme(")
            .assertException(failure -> assertThat(ViewCounterUnknownColumnTest.messages(failure))
                    .contains("quarkus.coalesce.view-counter.bots.extra-patterns: not a regular expression: Acme("));

    @Test
    void theStartFails() {
        // assertException checks the failure
    }
}
