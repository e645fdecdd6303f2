package io.github.coalesce.embedded.postgres.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.testsupport.TestPostgres;
import io.quarkus.test.QuarkusUnitTest;

/** A configured JDBC URL wins: no embedded server is started, the datasource talks to the configured one. */
class ConfiguredUrlSkipsEmbeddedPostgresTest {

    /** Any server works, as long as the dev service did not start it. */
    static final String OWN_URL = TestPostgres.url();

    @RegisterExtension
    static final QuarkusUnitTest TEST = NoEmbeddedServer.expected(new QuarkusUnitTest())
            .withApplicationRoot(jar -> jar.addClasses(TestPostgres.class, NoEmbeddedServer.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.jdbc.url", OWN_URL)
            .overrideConfigKey("quarkus.datasource.username", TestPostgres.username())
            .overrideConfigKey("quarkus.datasource.password", TestPostgres.password());

    @Inject
    DataSource dataSource;

    @Test
    void theConfiguredServerIsUsed() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            ResultSet port = connection.createStatement().executeQuery("select inet_server_port()");
            port.next();
            assertThat(OWN_URL).containsPattern("(localhost|127\\.0\\.0\\.1):" + port.getInt(1) + "/");
        }
    }
}
