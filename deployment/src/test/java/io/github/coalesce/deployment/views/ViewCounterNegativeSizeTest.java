package io.github.coalesce.deployment.views;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.testsupport.TestDatasource;
import io.quarkus.test.QuarkusUnitTest;

/** A negative size is a configuration error naming the property. */
class ViewCounterNegativeSizeTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestDatasource.on(new QuarkusUnitTest(), QuarkusUnitTest::overrideConfigKey)
            .withEmptyApplication()
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "any_table")
            .overrideConfigKey("quarkus.coalesce.view-counter.batch-size", "-5")
            .assertException(failure -> assertThat(ViewCounterUnknownColumnTest.messages(failure))
                    .contains("quarkus.coalesce.view-counter.batch-size must be at least 1, but is -5"));

    @Test
    void theStartFails() {
        // assertException checks the failure
    }
}
