package io.github.coalesce.sample;

import java.time.OffsetDateTime;
import java.util.List;

/** A post in a list: title, excerpt, tags, views and author. */
public record PostSummary(long id, String title, String excerpt, List<String> tags, OffsetDateTime createdAt,
        long views, String author) {

    static PostSummary of(Post post) {
        return new PostSummary(post.id, post.title, PostService.excerpt(post.body), post.tags.stream().sorted().toList(),
                post.createdAt, post.views, post.author);
    }

    PostSummary withViews(long views) {
        return new PostSummary(id, title, excerpt, tags, createdAt, views, author);
    }
}
