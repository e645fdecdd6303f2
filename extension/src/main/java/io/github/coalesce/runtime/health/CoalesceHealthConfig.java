package io.github.coalesce.runtime.health;

import java.time.Duration;

import io.quarkus.runtime.annotations.ConfigDocFilename;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When the view counters' readiness check reports DOWN (with SmallRye Health present). */
// Its own file of the docs site's includes, which the page of its feature includes.
@ConfigDocFilename("quarkus-coalesce_quarkus.coalesce.health.adoc")
@ConfigMapping(prefix = "quarkus.coalesce.health")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface CoalesceHealthConfig {

    /**
     * The readiness check is DOWN while a view counter holds a view recorded longer ago than this and not written
     * yet: the database has been unreachable (or too slow) for at least this long, and views are piling up in memory.
     */
    @WithDefault("1m")
    Duration maxPendingAge();

    /**
     * The readiness check is DOWN once this many flushes in a row have left something unwritten; one clean flush
     * makes it UP again.
     */
    @WithDefault("3")
    int maxFailedFlushes();
}
