package io.github.coalesce.runtime.cluster;

import io.quarkus.runtime.annotations.ConfigDocFilename;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The build-time part of the cluster settings: which methods are cluster-scoped decides the build's checks.
 * <p>
 * Internal: not part of the public API.
 */
// Its own file of the docs site's includes, which the page of its feature includes.
@ConfigDocFilename("quarkus-coalesce_quarkus.coalesce.cluster.adoc")
@ConfigMapping(prefix = "quarkus.coalesce.cluster")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface ClusterBuildTimeConfig {

    /**
     * The scope of the {@code @Coalesce} methods that do not set {@code scope}: {@code local} shares executions
     * within one instance, {@code cluster} across every instance on the same Redis (which then needs the
     * {@code quarkus-redis-client} extension, and results Jackson can read back).
     */
    @WithDefault("local")
    DefaultScope defaultScope();

    /** The scope of methods that name none. */
    enum DefaultScope {
        /** Within one instance. */
        LOCAL,
        /** Across instances, through Redis. */
        CLUSTER
    }
}
