package io.github.coalesce.embedded.postgres.deployment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.devservices.enabled=false}, Quarkus' global Dev Services switch, keeps the embedded server off: the datasource
 * gets no URL.
 */
class DevServicesDisabledSkipsEmbeddedPostgresTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoEmbeddedServer.expected(new QuarkusUnitTest())
            .withApplicationRoot(jar -> jar.addClass(NoEmbeddedServer.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.devservices.enabled", "false");

    @Test
    void theDatasourceHasNoUrl() {
        NoEmbeddedServer.assertNoUrl();
    }
}
