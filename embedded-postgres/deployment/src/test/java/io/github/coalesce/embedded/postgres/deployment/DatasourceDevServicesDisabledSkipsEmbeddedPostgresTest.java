package io.github.coalesce.embedded.postgres.deployment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.datasource.devservices.enabled=false}, the default datasource's Dev Services switch, keeps the embedded server
 * off: the datasource gets no URL.
 */
class DatasourceDevServicesDisabledSkipsEmbeddedPostgresTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoEmbeddedServer.expected(new QuarkusUnitTest())
            .withApplicationRoot(jar -> jar.addClass(NoEmbeddedServer.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false");

    @Test
    void theDatasourceHasNoUrl() {
        NoEmbeddedServer.assertNoUrl();
    }
}
