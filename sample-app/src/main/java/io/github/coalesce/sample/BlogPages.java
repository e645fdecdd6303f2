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

import io.github.coalesce.ViewCounter;
import io.github.coalesce.runtime.CoalescedMethods;
import io.github.coalesce.runtime.views.ViewCounterStats.Event;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;

/** The blog for people: server-rendered pages (Qute, plain CSS, no front-end build). */
@Path("/")
public class BlogPages {

    static final int PAGE_SIZE = 10;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(PostPage page, int pages);

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
    CoalescedMethods coalesced;

    @Inject
    ViewCounter counter;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance index(@QueryParam("page") @DefaultValue("1") String page) {
        // the row offset (page × size) must fit an int: a larger page number overflowed it into a 500
        int number = PostResource.number("page", page, 1, Integer.MAX_VALUE / PAGE_SIZE);
        PostPage list = posts.list(number - 1, PAGE_SIZE);
        return Templates.index(list, (int) Math.max(1, (list.total() + PAGE_SIZE - 1) / PAGE_SIZE));
    }

    /** Records a view exactly like {@code GET /posts/{id}} does. */
    @GET
    @Path("p/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance post(@PathParam("id") String rawId) {
        long id = BadRequest.id(rawId);
        PostView post = posts.find(id);
        views.record(id);
        PostView shown = post.withViews(post.views() + views.pending(id));
        return Templates.post(shown, markdown.render(post.body()), metadata.post(id));
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
        coalesced.stats().forEach((group, stats) -> groups.put(group,
                new LiveNumbers.Group(stats.calls(), stats.executions(), stats.joined(), stats.maxFanIn())));
        var counts = counter.stats();
        return new LiveNumbers(LiveNumbers.sorted(groups), new LiveNumbers.Views(counts.recorded(),
                counter.pendingIds(), counts.viewsWritten(), counts.chunksWritten(), counts.get(Event.DEDUPLICATED),
                counts.get(Event.BOT_FILTERED)));
    }
}
