package io.github.coalesce.runtime.cluster;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigDocFilename;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How {@code @Coalesce(scope = CLUSTER)} methods share executions across instances through Redis.
 * <p>
 * Internal: not part of the public API.
 */
// Its own file of the docs site's includes, which the page of its feature includes.
@ConfigDocFilename("quarkus-coalesce_quarkus.coalesce.cluster.adoc")
@ConfigMapping(prefix = "quarkus.coalesce.cluster")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface ClusterConfig {

    /**
     * The name of the Quarkus Redis client to use ({@code quarkus.redis."name".hosts}); unset, the default client
     * ({@code quarkus.redis.hosts}). A named client's hosts must be set in the build's configuration (e.g.
     * {@code application.properties}, overridable at run time) so that the Redis extension creates it. Without
     * hosts the methods run local-only, which the start-up log says.
     */
    @ConfigDocDefault("the default Redis client")
    Optional<String> clientName();

    /** The prefix of every Redis key and of the notice channel; instances that share flights must use the same. */
    @WithDefault("coalesce:")
    String keyPrefix();

    /**
     * How long a leader's lease lives without renewal; the leader renews it every third of this while it runs. A
     * leader that dies is replaced after at most this plus the poll interval.
     */
    @WithDefault("5s")
    Duration leaseTtl();

    /**
     * The longest a follower on another instance waits for the leader's notice before asking Redis again: it bounds
     * the delay when a notice is lost (Redis keeps none for a subscriber that was away).
     */
    @WithDefault("250ms")
    Duration pollInterval();

    /**
     * How long a leader's result stays in Redis for the followers to pick up: a hand-over window, not a cache. A call
     * arriving within it gets the stored result without running the method.
     */
    @WithDefault("2s")
    Duration resultTtl();

    /**
     * How long one Redis call may take before the flight gives up on Redis and runs local-only (much less than the
     * client's own timeout, so that Redis being away never makes a request much slower).
     */
    @WithDefault("250ms")
    Duration redisTimeout();

    /**
     * The largest serialized result that is stored for other instances; the followers of a larger one run the call
     * themselves (counted as {@code coalesce.cluster.fallbacks{reason=result-too-large}}).
     */
    @WithDefault("1M")
    MemorySize maxResultSize();

    /**
     * What a call does when Redis fails or times out: {@code local} runs it as a local-only flight (the app keeps
     * working, coalescing within each instance), {@code fail} throws {@code CoalesceClusterUnavailableException}.
     */
    @WithDefault("local")
    OnRedisFailure onRedisFailure();

    /** Redis failures in a row after which Redis is skipped for {@code breaker-cool-down}. */
    @WithDefault("5")
    int breakerFailures();

    /** How long Redis is skipped after {@code breaker-failures} failures in a row; then one call tries again. */
    @WithDefault("5s")
    Duration breakerCoolDown();

    /** What a call does when Redis is away. */
    enum OnRedisFailure {
        /** Run as a local-only flight. */
        LOCAL,
        /** Throw {@code CoalesceClusterUnavailableException}. */
        FAIL
    }

    /** @return the engine's settings */
    default ClusterSettings settings() {
        return new ClusterSettings(keyPrefix(), leaseTtl(), pollInterval(), resultTtl(), redisTimeout(),
                maxResultSize().asLongValue(), onRedisFailure() == OnRedisFailure.LOCAL, breakerFailures(),
                breakerCoolDown());
    }
}
