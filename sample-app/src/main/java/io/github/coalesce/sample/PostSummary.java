package io.github.coalesce.sample;

import java.time.OffsetDateTime;
import java.util.List;

/** A post in a list: title, excerpt, tags and views. */
public record PostSummary(long id, String title, String excerpt, List<String> tags, OffsetDateTime createdAt,
        long views) {
}
