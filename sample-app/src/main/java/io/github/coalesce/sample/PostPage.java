package io.github.coalesce.sample;

import java.util.List;

/** One page of posts, newest first. */
public record PostPage(int page, int size, long total, List<PostSummary> posts) {
}
