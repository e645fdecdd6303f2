package io.github.coalesce;

import java.util.Map;

/**
 * What HTTP request collapsing did, read-only: inject it in an application with Quarkus REST. Endpoints appear once
 * they have seen a request.
 */
public interface CollapsedEndpoints {

    /** @return the counters of every collapsed endpoint that has seen a request, by {@code Class#method} name */
    Map<String, CollapsedEndpoint> all();
}
