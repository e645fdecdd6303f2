package io.github.coalesce.runtime.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Marks the responses of the requests that took part in a flight with their RFC 9211 {@code Cache-Status} entry: the
 * leader's is forwarded ({@code fwd=uri-miss}), a follower that had to run the method itself says why
 * ({@code collapsed=?0; detail=...}). Followers answered from the leader's response carry theirs already.
 * <p>
 * Internal: not part of the public API.
 */
public class CollapsingResponseFilter implements ContainerResponseFilter {

    @Inject
    HttpCollapsing collapsing;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!collapsing.config().cacheStatus() || request.getProperty(CollapsingRequestFilter.ANSWERED) != null) {
            return;
        }
        if (request.getProperty(CollapsingRequestFilter.LEADER) != null) {
            response.getHeaders().add(FollowerResponses.CACHE_STATUS, SharingRules.CACHE_NAME + "; fwd=uri-miss");
        } else if (request.getProperty(CollapsingRequestFilter.RAN_ANEW) instanceof String reason) {
            response.getHeaders().add(FollowerResponses.CACHE_STATUS,
                    SharingRules.CACHE_NAME + "; fwd=uri-miss; collapsed=?0; detail=" + reason);
        }
    }
}
