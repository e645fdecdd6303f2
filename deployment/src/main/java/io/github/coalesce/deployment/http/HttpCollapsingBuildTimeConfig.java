package io.github.coalesce.deployment.http;

import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigDocFilename;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;

/** Which REST endpoints are collapsed besides those annotated with {@code @CoalesceRequests}. */
// Its own file of the docs site's includes, which the page of its feature includes.
@ConfigDocFilename("quarkus-coalesce_quarkus.coalesce.http.adoc")
@ConfigMapping(prefix = "quarkus.coalesce.http")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface HttpCollapsingBuildTimeConfig {

    /**
     * Path templates of further endpoints to collapse, as the resources declare them (class and method
     * {@code @Path} joined, e.g. <code>/p/&#123;id&#125;</code>); {@code *} matches within one segment and {@code **} across
     * segments. Endpoints that stream their response are left out.
     */
    @ConfigDocDefault("none")
    Optional<List<String>> paths();
}
