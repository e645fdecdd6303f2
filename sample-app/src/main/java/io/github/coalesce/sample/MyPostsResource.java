package io.github.coalesce.sample;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.Authenticated;

/** {@code GET /me/posts}: the caller's posts, views and total; logged-in users only (HTTP Basic). */
@Path("/me/posts")
@Produces(MediaType.APPLICATION_JSON)
public class MyPostsResource {

    @Inject
    MyPostsService posts;

    @Inject
    ViewRecorder views;

    @GET
    @Authenticated
    public Response mine() {
        MyPosts mine = posts.mine().withPendingViews(views::pending);
        return CoalesceHeaders.of(Response.ok(mine), "my-posts", mine.executionId());
    }
}
