package io.github.coalesce.sample;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;

@Path("/posts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PostResource {

    static final int MAX_PAGE_SIZE = 100;
    /** The daily buckets are kept as long as the viewer relation's retention (90 days). */
    static final int MAX_TRENDING_DAYS = 90;

    @Inject
    PostService posts;

    @Inject
    MetadataService metadata;

    @Inject
    ViewRecorder views;

    @Inject
    CoalesceHeaders headers;

    @Inject
    TrendingService trending;

    @GET
    public PostPage list(@QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("10") String size) {
        int pageSize = number("size", size, 1, MAX_PAGE_SIZE);
        // the row offset (page × size) must fit an int
        int pageNumber = number("page", page, 0, Integer.MAX_VALUE / pageSize - 1);
        return posts.list(pageNumber, pageSize);
    }

    /**
     * The posts with the most views in the last {@code days} UTC days (today included), from the view counter's
     * daily buckets, each with its views per day of the last 14 days.
     */
    @GET
    @Path("trending")
    public java.util.List<TrendingPost> trending(@QueryParam("days") @DefaultValue("7") String days,
            @QueryParam("limit") @DefaultValue("10") String limit) {
        return trending.trending(number("days", days, 1, MAX_TRENDING_DAYS), number("limit", limit, 1, MAX_PAGE_SIZE));
    }

    @Inject
    TaggedPostsService tagged;

    /** The newest posts carrying any of the tags ({@code ?tag=java&tag=quarkus}), shared across instances. */
    @GET
    @Path("tagged")
    public Response tagged(@QueryParam("tag") java.util.List<String> tags,
            @QueryParam("limit") @DefaultValue("10") String limit) {
        TaggedPosts found = tagged.tagged(TagFilter.of(tags, number("limit", limit, 1, MAX_PAGE_SIZE)));
        return headers.of(Response.ok(found), "tagged-posts", found.computedAt());
    }

    @Inject
    SecurityIdentity caller;

    /** Any author (or admin) may write; the caller becomes the post's author. */
    @POST
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    public Response create(@Valid @NotNull(message = "a JSON body {title, body, tags} is required") PostInput input) {
        PostView created = posts.create(input, caller.getPrincipal().getName());
        return Response.created(URI.create("/posts/" + created.id())).entity(created).build();
    }

    /** Records a view, then serves the post (shared with concurrent readers) with stored plus pending views. */
    @GET
    @Path("{id}")
    public PostView get(@PathParam("id") String rawId) {
        long id = BadRequest.id(rawId);
        return views.read(id, () -> posts.find(id), true);
    }

    /** Only the post's author or an admin. */
    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    public PostView update(@PathParam("id") String rawId,
            @Valid @NotNull(message = "a JSON body {title, body, tags} is required") PostInput input) {
        long id = BadRequest.id(rawId);
        PostView updated = posts.update(id, input, caller);
        return views.read(id, () -> updated, false);
    }

    /** Only the post's author or an admin. */
    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.AUTHOR, Roles.ADMIN })
    public Response delete(@PathParam("id") String rawId) {
        posts.delete(BadRequest.id(rawId), caller);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/metadata")
    public Response metadata(@PathParam("id") String rawId) {
        long id = BadRequest.id(rawId);
        // Not withPending: the metadata is an expensive shared computation, and a repeated read would start another
        // one. Its count is as of that computation anyway; the pending views are added on top.
        PostMetadata computed = metadata.post(id);
        return headers.of(Response.ok(computed.withViews(computed.views() + views.pending(id))), "post-metadata",
                computed.computedAt());
    }

    static int number(String field, String raw, int min, int max) {
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest(field, field + " must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", not '" + raw + "'");
    }
}
