package io.github.coalesce.sample;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.LongUnaryOperator;

/** The caller's own posts, newest first, with their views and the total. */
public record MyPosts(String author, long totalViews, List<PostSummary> posts, long executionId,
        OffsetDateTime computedAt) {

    /** @return the same posts, with each one's views raised by {@code pending} (views not written yet) */
    MyPosts withPendingViews(LongUnaryOperator pending) {
        List<PostSummary> counted = posts.stream()
                .map(post -> post.withViews(post.views() + pending.applyAsLong(post.id())))
                .toList();
        return new MyPosts(author, counted.stream().mapToLong(PostSummary::views).sum(), counted, executionId,
                computedAt);
    }
}
