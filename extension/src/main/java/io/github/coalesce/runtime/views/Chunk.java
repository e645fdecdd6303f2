package io.github.coalesce.runtime.views;

import java.util.Arrays;
import java.util.UUID;

/**
 * Up to {@code batch-size} increments written by one UPDATE statement, ids ascending (so concurrent chunks lock rows
 * in the same order and cannot deadlock). The flush id stays with the chunk through retries and the spill file: the
 * ledger row it writes in the same transaction makes a retry of an already committed chunk a no-op.
 */
public record Chunk(UUID flushId, long[] ids, long[] counts) {

    public long views() {
        return Arrays.stream(counts).sum();
    }

    /** @return the views of {@code id} in this chunk, 0 when absent */
    public long countOf(long id) {
        int at = Arrays.binarySearch(ids, id);
        return at >= 0 ? counts[at] : 0;
    }
}
