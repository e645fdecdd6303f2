package io.github.coalesce.sample;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A post as served: {@code views} is what is stored plus what the view counter has not written yet; {@code author} is
 * the principal who created it.
 */
public record PostView(long id, String title, String body, List<String> tags, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, long views, String author) {

    static PostView of(Post post) {
        return new PostView(post.id, post.title, post.body, post.tags.stream().sorted().toList(), post.createdAt,
                post.updatedAt, post.views, post.author);
    }

    PostView withViews(long views) {
        return new PostView(id, title, body, tags, createdAt, updatedAt, views, author);
    }
}
