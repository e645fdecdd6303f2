package io.github.coalesce.sample;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.github.coalesce.Viewers;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * {@code GET /me/recently-viewed}: the signed-in reader's last viewed posts, newest first. The view counter stores
 * signed-in readers by principal name ({@code viewers.store-principals=true}), so their rows are those whose viewer is
 * {@link Viewers#signedIn(String)} of the caller; anonymous readers are only ever stored as keyed hashes and get a 401.
 */
@Path("/me/recently-viewed")
@Produces(MediaType.APPLICATION_JSON)
public class RecentlyViewedResource {

    static final int MAX_LIMIT = 50;

    @Inject
    SecurityIdentity identity;

    @Inject
    TrendingService trending;

    @GET
    public List<TrendingService.RecentlyViewed> recentlyViewed(@QueryParam("limit") @DefaultValue("10") String limit) {
        if (identity.isAnonymous()) {
            throw new NotAuthorizedException("Basic realm=\"blog\"");
        }
        int max = PostResource.number("limit", limit, 1, MAX_LIMIT);
        // The principal is an argument, so the flight is per principal with or without Quarkus Security's key.
        return trending.recentlyViewed(Viewers.signedIn(identity.getPrincipal().getName()), max);
    }
}
