package io.github.coalesce.embedded.postgres.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The embedded PostgreSQL Dev Service: in dev and test modes, the default PostgreSQL datasource without a JDBC URL gets
 * a throw-away server that needs no Docker. Like Quarkus' own Dev Services, it is off when
 * {@code quarkus.devservices.enabled} or {@code quarkus.datasource.devservices.enabled} is {@code false}, or when
 * {@code quarkus.datasource.jdbc.url} is set.
 */
@ConfigMapping(prefix = "quarkus.embedded-postgres")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface EmbeddedPostgresConfig {

    /**
     * Whether to start the embedded PostgreSQL for the default datasource. While it serves the datasource, Quarkus'
     * container Dev Service for PostgreSQL steps aside and does not look for Docker; set this to {@code false} to have
     * that container instead.
     */
    @WithDefault("true")
    boolean enabled();
}
