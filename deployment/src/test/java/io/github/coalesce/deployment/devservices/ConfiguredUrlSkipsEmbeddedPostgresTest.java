package io.github.coalesce.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A configured JDBC URL wins: no embedded server is started, the datasource talks to the configured one. */
class ConfiguredUrlSkipsEmbeddedPostgresTest {

    /**
     * Any server works: this one is started by the test itself, not by the dev service. Once per JVM: the class is
     * loaded by JUnit and again by Quarkus, so its URL is kept in a system property both see.
     */
    static final String OWN_URL = ownServerUrl();

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.jdbc.url", OWN_URL)
            .overrideConfigKey("quarkus.datasource.username", "postgres")
            .overrideConfigKey("quarkus.datasource.password", "")
            .setLogRecordPredicate(record -> record.getLoggerName().contains("EmbeddedPostgres"))
            .assertLogRecords(records -> assertThat(records)
                    .noneMatch(record -> String.valueOf(record.getMessage()).contains("Embedded PostgreSQL started")));

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

    private static synchronized String ownServerUrl() {
        // The environment outranks overrides: in CI's real-server pass, that server is the configured one.
        String configured = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String url = System.getProperty("coalesce.test.own-postgres-url");
        if (url != null) {
            return url;
        }
        try {
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (java.io.IOException ignored) {
                    // the JVM is exiting
                }
            }));
            url = server.getJdbcUrl("postgres", "postgres");
            System.setProperty("coalesce.test.own-postgres-url", url);
            return url;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
