package io.github.coalesce.embedded.postgres.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.QuarkusUnitTest;

/**
 * What a test sees when the Dev Service stays off: no start-up line, and no URL given to the default datasource. A
 * test adds this class to its application: Quarkus loads the test class again, where only that application is seen.
 */
final class NoEmbeddedServer {

    private NoEmbeddedServer() {
    }

    /** @return the test, failing when the embedded server logged its start */
    static QuarkusUnitTest expected(QuarkusUnitTest test) {
        return test.setLogRecordPredicate(record -> record.getLoggerName().contains("EmbeddedPostgres"))
                .assertLogRecords(records -> assertThat(records)
                        .noneMatch(record -> String.valueOf(record.getMessage()).contains("Embedded PostgreSQL started")));
    }

    /** Asserts that nothing set the default datasource's URL. */
    static void assertNoUrl() {
        assertThat(ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class)).isEmpty();
    }
}
