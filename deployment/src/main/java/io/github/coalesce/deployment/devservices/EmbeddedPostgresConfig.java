package io.github.coalesce.deployment.devservices;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The embedded PostgreSQL started in dev and test modes when the application has a PostgreSQL datasource without a
 * JDBC URL.
 */
@ConfigMapping(prefix = "quarkus.coalesce.embedded-postgres")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface EmbeddedPostgresConfig {

    /**
     * Whether to start an embedded PostgreSQL (no Docker needed) in dev and test modes when
     * {@code quarkus.datasource.jdbc.url} is not set. Setting the URL, for example through the environment variable
     * {@code QUARKUS_DATASOURCE_JDBC_URL}, uses that server instead. Independent of
     * {@code quarkus.devservices.enabled}, which needs to be {@code false} where there is no Docker.
     */
    @WithDefault("true")
    boolean enabled();
}
