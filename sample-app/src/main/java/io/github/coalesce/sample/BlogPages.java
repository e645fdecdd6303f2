package io.github.coalesce.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.github.coalesce.CoalesceRequests;
import io.github.coalesce.FlightGroups;
import io.github.coalesce.ViewCounter;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;

/** The blog for people: server-rendered pages (Qute, plain CSS, no front-end build). */
@Path("/")
public class BlogPages {

    static final int PAGE_SIZE = 10;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(PostPage page, int pages, java.util.List<TrendingPost> trending);

        static native TemplateInstance post(PostView post, RawString html, PostMetadata metadata);

        static native TemplateInstance howItWorks();
    }

    @Inject
    PostService posts;

    @Inject
    MetadataService metadata;

    @Inject
    ViewRecorder views;

    @Inject
    MarkdownRenderer markdown;

    @Inject
    TrendingService trending;

    @Inject
    FlightGroups coalesced;

    @Inject
    ViewCounter counter;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance index(@QueryParam("page") @DefaultValue("1") String page) {
        // the row offset (page × size) must fit an int: a larger page number overflowed it into a 500
        int number = PostResource.number("page", page, 1, Integer.MAX_VALUE / PAGE_SIZE);
        PostPage list = posts.list(number - 1, PAGE_SIZE);
        // The front page shows what is trending; older pages are about the archive.
        java.util.List<TrendingPost> hot = number == 1 ? trending.trending(7, 5) : java.util.List.of();
        return Templates.index(list, (int) Math.max(1, (list.total() + PAGE_SIZE - 1) / PAGE_SIZE), hot);
    }

    /**
     * Collapsed for concurrent identical requests (anonymous readers share one rendering). The view is counted by
     * {@link ViewCountingFilter} for every response, followers' copies included, not here.
     */
    @GET
    @Path("p/{id}")
    @Produces(MediaType.TEXT_HTML)
    @CoalesceRequests
    @CountsView
    public TemplateInstance post(@PathParam("id") String rawId) {
        long id = BadRequest.id(rawId);
        PostView shown = views.read(id, () -> posts.find(id), false);
        return Templates.post(shown, markdown.render(shown.body()), metadata.post(id));
    }

    @GET
    @Path("how-it-works")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance howItWorks() {
        return Templates.howItWorks();
    }

    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    public LiveNumbers stats() {
        Map<String, LiveNumbers.Group> groups = new LinkedHashMap<>();
        coalesced.all().forEach(group -> groups.put(group.name(),
                new LiveNumbers.Group(group.calls(), group.executions(), group.joined(), group.maxFanIn())));
        return new LiveNumbers(LiveNumbers.sorted(groups), LiveNumbers.Views.of(counter.stats()));
    }
}
