package io.github.coalesce.runtime.views;

import java.util.Arrays;
import java.util.UUID;

/**
 * Up to {@code batch-size} increments written by one statement, ids ascending (so concurrent chunks lock rows in the
 * same order and cannot deadlock). The flush id stays with the chunk through retries and the spill file: the ledger
 * row it writes in the same transaction makes a retry of an already committed chunk a no-op.
 * <p>
 * With the viewer relation on, {@link #pairs()} holds one (id, viewer) pair per index, sorted by id then viewer, and
 * {@link #counts()} the views of that pair; ids then repeat, one entry per viewer.
 */
public record Chunk(UUID flushId, long[] ids, long[] counts, ViewerPairs.Columns pairs) {

    /** A chunk of the plain counter: one entry per id. */
    public Chunk(UUID flushId, long[] ids, long[] counts) {
        this(flushId, ids, counts, null);
    }

    public long views() {
        return Arrays.stream(counts).sum();
    }

    /** @return the views of {@code id} in this chunk, 0 when absent */
    public long countOf(long id) {
        if (pairs != null) {
            long count = 0;
            for (int i = 0; i < ids.length; i++) {
                count += ids[i] == id ? counts[i] : 0;
            }
            return count;
        }
        int at = Arrays.binarySearch(ids, id);
        return at >= 0 ? counts[at] : 0;
    }
}
