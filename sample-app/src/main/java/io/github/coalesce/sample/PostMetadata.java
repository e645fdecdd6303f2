package io.github.coalesce.sample;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a link preview or a feed reader wants to know about a post. {@code computedAt} is when the execution that
 * computed it ran: concurrent callers that shared one execution receive this very record, so they see the same time.
 */
public record PostMetadata(long id, String title, int wordCount, int readingMinutes, List<Markdown.Heading> toc,
        List<String> tags, List<Related> related, long views, OffsetDateTime computedAt) {

    /** A post sharing tags with this one. */
    public record Related(long id, String title, int sharedTags) {
    }

    PostMetadata withViews(long views) {
        return new PostMetadata(id, title, wordCount, readingMinutes, toc, tags, related, views, computedAt);
    }
}
