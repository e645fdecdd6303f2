package io.github.coalesce.runtime;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Defaults of {@code @Coalesce} methods and of the injectable {@code Coalescer}.
 */
@ConfigMapping(prefix = "quarkus.coalesce")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface CoalesceConfig {

    /**
     * Whether concurrent calls of {@code @Coalesce} methods share one execution. When disabled every call runs the
     * method itself, as if the annotation were absent; the call counters keep counting.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a follower waits for the leader's result before giving up, unless the method sets
     * {@code @Coalesce(maxWait)}. Unset, followers wait as long as the leader runs.
     */
    @ConfigDocDefault("as long as the leader runs")
    Optional<Duration> maxWait();

    /**
     * What a follower does once it has waited {@code max-wait}: {@code fail} throws
     * {@code CoalesceTimeoutException}, {@code run} runs the call itself. Applies unless the method sets
     * {@code @Coalesce(onMaxWait)}.
     */
    @WithDefault("fail")
    MaxWaitAction onMaxWait();

    /**
     * A flight older than this is treated as stuck and detached, so that new callers start a new execution while the
     * old one finishes for its own waiters, unless the method sets {@code @Coalesce(maxAge)}. Unset, flights are
     * never detached.
     */
    @ConfigDocDefault("never detached")
    Optional<Duration> maxAge();

    /** What a follower does after its maximum wait. */
    enum MaxWaitAction {
        /** Throw {@code CoalesceTimeoutException}. */
        FAIL,
        /** Run the call itself, outside any flight. */
        RUN
    }
}
