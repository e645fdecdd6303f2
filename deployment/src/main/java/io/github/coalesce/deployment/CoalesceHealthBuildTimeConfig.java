package io.github.coalesce.deployment;

import io.quarkus.runtime.annotations.ConfigDocFilename;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Whether the extension contributes to SmallRye Health. */
// Its own file of the docs site's includes, which the page of its feature includes.
@ConfigDocFilename("quarkus-coalesce_quarkus.coalesce.health.adoc")
@ConfigMapping(prefix = "quarkus.coalesce.health")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface CoalesceHealthBuildTimeConfig {

    /**
     * Whether the view counters' readiness check is added to {@code /q/health/ready} when the application has the
     * SmallRye Health extension and a view counter datasource.
     */
    @WithDefault("true")
    boolean enabled();
}
