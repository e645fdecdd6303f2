package io.github.coalesce.sample;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which posts {@code GET /posts/tagged} lists: those carrying any of the tags, at most {@code limit}. A record with a
 * {@code Set}: the key of a cluster-scoped method, where {@code ?tag=java&tag=quarkus} and
 * {@code ?tag=quarkus&tag=java} are one key on every instance.
 */
public record TagFilter(Set<String> tags, int limit) {

    static final int MAX_TAGS = 5;
    /** As a post's tags may be written ({@link PostInput}). */
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N} ._-]{1,40}");

    /** @return the filter, or a 400 naming the field that is not valid */
    static TagFilter of(List<String> tags, int limit) {
        if (tags.isEmpty() || tags.size() > MAX_TAGS) {
            throw new BadRequest("tag", "give from 1 to " + MAX_TAGS + " tags (?tag=java&tag=quarkus), not "
                    + tags.size());
        }
        for (String tag : tags) {
            if (!TAG.matcher(tag).matches()) {
                throw new BadRequest("tag", "a tag has 1 to 40 letters, digits, spaces, '.', '_' or '-'");
            }
        }
        return new TagFilter(Set.copyOf(tags), limit);
    }
}
