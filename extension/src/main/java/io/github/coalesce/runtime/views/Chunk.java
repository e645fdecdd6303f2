package io.github.coalesce.runtime.views;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.coalesce.ViewWriter;

/**
 * Up to {@code batch-size} increments written by one statement, ids ascending (so concurrent chunks lock rows in the
 * same order and cannot deadlock). The flush id stays with the chunk through retries and the spill file: the ledger
 * row it writes in the same transaction makes a retry of an already committed chunk a no-op. Compared by identity:
 * two chunks are never the same chunk.
 * <p>
 * With the viewer relation on, {@link #pairs()} holds one (id, viewer) pair per index, sorted by id then viewer, and
 * {@link #counts()} the views of that pair; ids then repeat, one entry per viewer.
 */
public record Chunk(UUID flushId, long[] ids, long[] counts, ViewerPairs.Columns pairs) implements ViewWriter.Batch {

    /**
     * A chunk of the plain counter: one entry per id.
     *
     * @param flushId the id that makes a retry of a committed chunk a no-op
     * @param ids the ids, ascending
     * @param counts the views of each id
     */
    public Chunk(UUID flushId, long[] ids, long[] counts) {
        this(flushId, ids, counts, null);
    }

    @Override
    public String[] viewers() {
        return pairs == null ? null : pairs.viewers();
    }

    /** @return the views in this chunk */
    public long views() {
        return Arrays.stream(counts).sum();
    }

    /**
     * @param id an id
     * @return the views of {@code id} in this chunk, 0 when absent
     */
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

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /**
     * @param totals views per id
     * @param batchSize how many ids one chunk carries at most
     * @return the chunks of {@code totals}, ids ascending across and within chunks, each with a fresh flush id
     */
    static List<Chunk> split(Map<Long, Long> totals, int batchSize) {
        long[] ids = totals.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        List<Chunk> chunks = new ArrayList<>();
        for (int from = 0; from < ids.length; from += batchSize) {
            long[] chunkIds = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + batchSize));
            long[] counts = new long[chunkIds.length];
            for (int i = 0; i < chunkIds.length; i++) {
                counts[i] = totals.get(chunkIds[i]);
            }
            chunks.add(new Chunk(UUID.randomUUID(), chunkIds, counts));
        }
        return chunks;
    }
}
