package io.github.coalesce.sample;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.github.coalesce.CoalesceRequests;

/**
 * The Atom feed of the latest posts. Feed readers poll in bursts (on the hour, after a share), so the endpoint is
 * collapsed: a burst renders the feed once and every reader gets its own copy of the response.
 */
@Path("/feed.xml")
public class FeedResource {

    static final int ENTRIES = 20;

    @Inject
    PostService posts;

    @ConfigProperty(name = "blog.feed.extra-cost", defaultValue = "0ms")
    Duration extraCost;

    @GET
    @Produces("application/atom+xml")
    @CoalesceRequests(identity = CoalesceRequests.Identity.IGNORE)
    public String feed() throws InterruptedException {
        if (!extraCost.isZero()) {
            // Demo only: makes one rendering last long enough for a burst to visibly share it.
            Thread.sleep(extraCost.toMillis());
        }
        PostPage latest = posts.list(0, ENTRIES);
        OffsetDateTime updated = latest.posts().stream().map(PostSummary::createdAt).max(OffsetDateTime::compareTo)
                .orElse(OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("  <id>urn:quarkus-coalesce:blog</id>\n")
                .append("  <title>Coalesce blog</title>\n")
                .append("  <updated>").append(date(updated)).append("</updated>\n")
                .append("  <author><name>Coalesce blog</name></author>\n")
                .append("  <link rel=\"self\" href=\"/feed.xml\"/>\n")
                .append("  <link rel=\"alternate\" href=\"/\"/>\n");
        for (PostSummary post : latest.posts()) {
            xml.append("  <entry>\n")
                    .append("    <id>urn:quarkus-coalesce:post:").append(post.id()).append("</id>\n")
                    .append("    <title>").append(escape(post.title())).append("</title>\n")
                    .append("    <updated>").append(date(post.createdAt())).append("</updated>\n")
                    .append("    <link rel=\"alternate\" href=\"/p/").append(post.id()).append("\"/>\n")
                    .append("    <summary>").append(escape(post.excerpt())).append("</summary>\n")
                    .append("  </entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }

    private static String date(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String escape(String text) {
        return text == null ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
