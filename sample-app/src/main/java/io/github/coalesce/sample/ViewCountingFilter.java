package io.github.coalesce.sample;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Records the view of a post page outside its handler, once per response: with {@code /p/{id}} collapsed, 50
 * concurrent readers run the handler once, but each of the 50 responses (the leader's and every follower's copy)
 * passes through this filter, so 50 views are counted. A view recorded inside the handler would count one.
 */
@Provider
@CountsView
public class ViewCountingFilter implements ContainerResponseFilter {

    @Inject
    ViewRecorder views;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String id = request.getUriInfo().getPathParameters().getFirst("id");
        if (response.getStatus() == 200 && id != null) {
            views.record(Long.parseLong(id));
        }
    }
}
