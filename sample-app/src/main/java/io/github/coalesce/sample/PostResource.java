package io.github.coalesce.sample;

import java.net.URI;

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

@Path("/posts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PostResource {

    static final int MAX_PAGE_SIZE = 100;

    @Inject
    PostService posts;

    @Inject
    MetadataService metadata;

    @Inject
    ViewRecorder views;

    @GET
    public PostPage list(@QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("10") String size) {
        int pageSize = number("size", size, 1, MAX_PAGE_SIZE);
        // the row offset (page × size) must fit an int
        int pageNumber = number("page", page, 0, Integer.MAX_VALUE / pageSize - 1);
        return posts.list(pageNumber, pageSize);
    }

    @POST
    public Response create(@Valid @NotNull(message = "a JSON body {title, body, tags} is required") PostInput input) {
        PostView created = posts.create(input);
        return Response.created(URI.create("/posts/" + created.id())).entity(created).build();
    }

    /** Records a view, then serves the post (shared with concurrent readers) with stored plus pending views. */
    @GET
    @Path("{id}")
    public PostView get(@PathParam("id") String rawId) {
        long id = BadRequest.id(rawId);
        PostView post = posts.find(id);
        views.record(id);
        return post.withViews(post.views() + views.pending(id));
    }

    @PUT
    @Path("{id}")
    public PostView update(@PathParam("id") String rawId,
            @Valid @NotNull(message = "a JSON body {title, body, tags} is required") PostInput input) {
        long id = BadRequest.id(rawId);
        PostView updated = posts.update(id, input);
        return updated.withViews(updated.views() + views.pending(id));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String rawId) {
        posts.delete(BadRequest.id(rawId));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/metadata")
    public Response metadata(@PathParam("id") String rawId) {
        long id = BadRequest.id(rawId);
        PostMetadata computed = metadata.post(id);
        return CoalesceHeaders.of(Response.ok(computed.withViews(computed.views() + views.pending(id))), "post-metadata",
                computed.executionId());
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
