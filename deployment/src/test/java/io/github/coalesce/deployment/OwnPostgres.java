package io.github.coalesce.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL a test owns (unlike the dev service's, it outlives the application under test): the server named by
 * {@code QUARKUS_DATASOURCE_JDBC_URL} when set (CI's real-server pass), else an embedded one started once per JVM.
 * Its URL is kept in a system property because test classes are loaded twice, by JUnit and by Quarkus.
 */
public final class OwnPostgres {

    private static final String PROPERTY = "coalesce.test.own-postgres-url";

    private OwnPostgres() {
    }

    public static synchronized String url() {
        String configured = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String url = System.getProperty(PROPERTY);
        if (url != null) {
            return url;
        }
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            url = server.getJdbcUrl("postgres", "postgres");
            System.setProperty(PROPERTY, url);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String username() {
        return System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
    }

    public static String password() {
        return System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
    }
}
