package io.github.coalesce.sample;

import java.time.OffsetDateTime;
import java.util.List;

/** Site-wide numbers. {@code executionId} tells which execution computed them. */
public record SiteMetadata(long posts, long totalViews, List<Ranked> topPosts, List<Ranked> latestPosts,
        List<TagCount> tags, long executionId, OffsetDateTime computedAt) {

    /** A post in a ranking. */
    public record Ranked(long id, String title, long views, OffsetDateTime createdAt) {
    }

    /** How many posts carry a tag. */
    public record TagCount(String tag, long posts) {
    }
}
