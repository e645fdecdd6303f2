package io.github.coalesce.sample;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a link preview or a feed reader wants to know about a post. {@code executionId} tells which execution
 * computed it: concurrent callers that shared one execution see the same id.
 */
public record PostMetadata(long id, String title, int wordCount, int readingMinutes, List<Markdown.Heading> toc,
        List<String> tags, List<Related> related, long views, long executionId, OffsetDateTime computedAt) {

    /** A post sharing tags with this one. */
    public record Related(long id, String title, int sharedTags) {
    }

    PostMetadata withViews(long views) {
        return new PostMetadata(id, title, wordCount, readingMinutes, toc, tags, related, views, executionId,
                computedAt);
    }
}
