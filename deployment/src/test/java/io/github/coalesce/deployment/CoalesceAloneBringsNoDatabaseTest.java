package io.github.coalesce.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * An application with a PostgreSQL datasource and quarkus-coalesce alone gets no database from the extension: no
 * embedded server starts, the datasource keeps no URL but the application's own (it stays inactive until the
 * application names its server).
 * The embedded PostgreSQL is the separate quarkus-coalesce-embedded-postgres Dev Service. Quarkus' container Dev
 * Service is off, as it is on every machine without Docker.
 */
class CoalesceAloneBringsNoDatabaseTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .setLogRecordPredicate(record -> record.getLoggerName().contains("EmbeddedPostgres"))
            .assertLogRecords(records -> assertThat(records).isEmpty());

    @Test
    void theDatasourceGetsNoUrl() {
        // Only the application's own URL, if any: the README's second pass gives one in the environment.
        assertThat(ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class))
                .isEqualTo(java.util.Optional.ofNullable(System.getenv("QUARKUS_DATASOURCE_JDBC_URL")));
    }
}
