package io.github.coalesce.sample;

import java.time.OffsetDateTime;
import java.util.List;

/** Site-wide numbers. {@code computedAt} is when the execution that computed them ran (see {@link PostMetadata}). */
public record SiteMetadata(long posts, long totalViews, List<Ranked> topPosts, List<Ranked> latestPosts,
        List<TagCount> tags, OffsetDateTime computedAt) {

    /** A post in a ranking. */
    public record Ranked(long id, String title, long views, OffsetDateTime createdAt) {
    }

    /** How many posts carry a tag. */
    public record TagCount(String tag, long posts) {
    }
}
