package io.github.coalesce.deployment.views;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.testsupport.TestDatasource;
import io.quarkus.test.QuarkusUnitTest;

/** A table that does not exist fails the start, naming the property to fix. */
class ViewCounterUnknownTableTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestDatasource.on(new QuarkusUnitTest(), QuarkusUnitTest::overrideConfigKey)
            .withEmptyApplication()
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "no_such_table")
            .assertException(failure -> assertThat(ViewCounterUnknownColumnTest.messages(failure))
                    .contains("quarkus.coalesce.view-counter.table")
                    .contains("no_such_table"));

    @Test
    void theStartFails() {
        // assertException checks the failure
    }
}
