package io.github.coalesce.runtime.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigDocFilename;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * HTTP request collapsing of the endpoints selected with {@code @CoalesceRequests} or
 * {@code quarkus.coalesce.http.paths}.
 * <p>
 * Internal: not part of the public API.
 */
// Its own file of the docs site's includes, which the page of its feature includes.
@ConfigDocFilename("quarkus-coalesce_quarkus.coalesce.http.adoc")
@ConfigMapping(prefix = "quarkus.coalesce.http")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface HttpCollapsingConfig {

    /**
     * Whether concurrent identical requests to a selected endpoint share one execution. When disabled every request
     * runs the resource method itself and no {@code Cache-Status} is added.
     */
    @WithDefault("true")
    boolean enabled();

    /** What goes into the request key besides method, URI, resource method and identity. */
    Key key();

    /**
     * Whether the caller's identity is part of the key, for endpoints that do not say so on the annotation:
     * {@code principal} keys by the principal's name (and never collapses a request carrying credentials the
     * application does not recognise), {@code ignore} shares responses between callers.
     */
    @WithDefault("principal")
    IdentityMode identity();

    /** The statuses of a leader's response that followers may receive; any other status makes them run anew. */
    @WithDefault("200,203,204,300,301,308,404,410")
    List<Integer> sharedStatuses();

    /**
     * The largest response body copied for followers. A larger response reaches its own client intact, and the
     * followers run the resource method themselves.
     */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /**
     * Response headers never copied to followers, besides those that never are ({@code Set-Cookie}, hop-by-hop
     * headers, {@code Content-Length}, {@code Transfer-Encoding}, {@code Date}, {@code Access-Control-*}, trace and
     * request-id headers).
     */
    @ConfigDocDefault("none")
    Optional<List<String>> excludedHeaders();

    /** How long a follower waits for the leader's response before it does what {@code on-max-wait} says. */
    @WithDefault("5s")
    Duration maxWait();

    /**
     * What a follower does once it has waited {@code max-wait}: {@code run} runs the resource method itself,
     * {@code fail} answers {@code 504 Gateway Timeout}.
     */
    @WithDefault("run")
    OnMaxWait onMaxWait();

    /**
     * A flight older than this is treated as stuck and detached: new requests start a new flight, while the old one
     * still answers the followers that joined it. Unset, flights are never detached.
     */
    @ConfigDocDefault("never detached")
    Optional<Duration> maxAge();

    /** The most followers one flight takes; further identical requests run the resource method themselves. */
    @WithDefault("1000")
    int maxFollowers();

    /**
     * Whether responses carry an RFC 9211 {@code Cache-Status} entry: {@code collapsed} for followers answered from
     * the leader's response, {@code collapsed=?0} with a {@code detail} for those that had to run anew.
     */
    @WithDefault("true")
    boolean cacheStatus();

    /** The parts of the request key that an application chooses. */
    @ConfigGroup
    interface Key {

        /**
         * Request headers whose values are part of the key: requests that differ in one of them never share a
         * response.
         */
        @WithDefault("Accept,Accept-Language")
        List<String> headers();

        /**
         * Whether query parameters are sorted before they go into the key, so that {@code ?a=1&b=2} and
         * {@code ?b=2&a=1} share a flight.
         */
        @WithDefault("false")
        boolean sortQuery();
    }

    /** How the caller's identity takes part in the key. */
    enum IdentityMode {
        /** The principal's name is part of the key. */
        PRINCIPAL,
        /** The identity is not part of the key. */
        IGNORE
    }

    /** What a follower does after its maximum wait. */
    enum OnMaxWait {
        /** Run the resource method itself. */
        RUN,
        /** Answer {@code 504 Gateway Timeout}. */
        FAIL
    }
}
