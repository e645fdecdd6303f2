package io.github.coalesce.sample;

import java.time.OffsetDateTime;
import java.util.List;

/** The newest posts carrying any of a filter's tags, and the filter they answer. */
public record TaggedPosts(TagFilter filter, List<PostSummary> posts, OffsetDateTime computedAt) {
}
