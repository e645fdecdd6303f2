package io.github.coalesce.deployment.views;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.testsupport.TestDatasource;
import io.quarkus.test.QuarkusUnitTest;

/** A {@code view-counter.datasource} that names no active datasource fails the start, naming the property. */
class ViewCounterUnknownDataSourceTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestDatasource.on(new QuarkusUnitTest(), QuarkusUnitTest::overrideConfigKey)
            .withEmptyApplication()
            .overrideConfigKey("quarkus.coalesce.view-counter.table", "post")
            .overrideConfigKey("quarkus.coalesce.view-counter.datasource", "reporting")
            .assertException(failure -> assertThat(ViewCounterUnknownColumnTest.messages(failure))
                    .contains("quarkus.coalesce.view-counter.datasource=reporting")
                    .contains("there is no datasource of that name"));

    @Test
    void theStartFails() {
        // assertException checks the failure
    }
}
