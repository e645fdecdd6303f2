package io.github.coalesce.runtime.views;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Views waiting for the viewer relation's flush: one entry per distinct (id, viewer) pair, with how many views the
 * in-memory cooldown let through and when the first and the last of them happened. The database decides at the flush
 * which of them count, so the work of a flush grows with distinct pairs, never with views.
 * <p>
 * The viewer stays as the request gave it (principal or address) only in memory and only until the flush, which
 * replaces it by its keyed hash before anything leaves the process (statement, spill file). A flush swaps the map
 * for a fresh one under the {@link Generation} protocol, as {@link PendingViews} does: recorders never wait, and no
 * view is lost or counted twice however the swaps fall between a recorder's read of the map and its increment.
 */
public final class ViewerPairs {

    /**
     * The per-pair columns of a relation chunk, index by index with the chunk's ids and counts, and what the
     * database did with them once the chunk is written.
     *
     * @param viewers the stored viewer of each pair, {@code null} for views without a viewer
     * @param firstMicros when the first view of each pair happened, in epoch microseconds
     * @param lastMicros when its last view happened
     * @param outcome set by the writer when its statement committed
     */
    public record Columns(String[] viewers, long[] firstMicros, long[] lastMicros,
            AtomicReference<ViewerChunkWriter.RelationWritten> outcome) {

        /**
         * @param viewers the stored viewer of each pair
         * @param firstMicros when the first view of each pair happened
         * @param lastMicros when its last view happened
         */
        public Columns(String[] viewers, long[] firstMicros, long[] lastMicros) {
            this(viewers, firstMicros, lastMicros, new AtomicReference<>());
        }
    }

    /** A pair as recorded. */
    private record Key(long id, String viewer) {

        @Override
        public int hashCode() {
            return PairHash.of(id, viewer);
        }
    }

    private static final class Views {
        final long firstMicros;
        volatile long lastMicros;
        final LongAdder count = new LongAdder();
        /** What the drain took; later increments are the late ones. Written under the drain's lock. */
        long taken;

        Views(long firstMicros) {
            this.firstMicros = firstMicros;
            this.lastMicros = firstMicros;
        }
    }

    private final Generation.Current<Key, Views> current = new Generation.Current<>();
    /** Only read and written under {@code this}, by drains. */
    private Generation<Key, Views> previous;

    /**
     * @param viewer the viewer as the request gave it, or {@code null} when there is none (the view then counts
     *        without a relation row)
     * @return {@code false} when the pair is not pending yet and {@code maxPairs} pairs already are
     */
    public boolean add(long id, String viewer, long nowMicros, int maxPairs) {
        Key key = new Key(id, viewer);
        Generation<Key, Views> generation = current.enter();
        try {
            Views views = generation.map.get(key);
            if (views == null) {
                if (generation.map.size() >= maxPairs) {
                    return false;
                }
                views = generation.map.computeIfAbsent(key, k -> new Views(nowMicros));
                generation.recorded();
            } else if (views.lastMicros < nowMicros) {
                views.lastMicros = nowMicros;
            }
            views.count.increment();
            return true;
        } finally {
            generation.leave();
        }
    }

    /** @return how many distinct pairs are pending */
    public int size() {
        return current.peek().map.size();
    }

    /** @return nanoseconds since the oldest pending view was recorded, or 0 when nothing is pending */
    public long oldestAgeNanos() {
        return current.peek().ageNanos();
    }

    /**
     * Swaps the map and cuts what it held (and what arrived late in the one before) into chunks of at most
     * {@code batchSize} pairs, sorted by id then stored viewer.
     *
     * @param store turns a recorded viewer into the stored one (the keyed hash, or the principal name)
     */
    public synchronized List<Chunk> drain(int batchSize, UnaryOperator<String> store) {
        Generation<Key, Views> drained = current.swap();
        Map<Key, long[]> totals = new HashMap<>();
        if (previous != null) {
            previous.map.forEach((key, views) -> {
                long late = views.count.sum() - views.taken;
                if (late > 0) {
                    views.taken += late;
                    add(totals, key, views, late);
                }
            });
        }
        drained.map.forEach((key, views) -> {
            long count = views.count.sum();
            views.taken = count;
            if (count > 0) {
                add(totals, key, views, count);
            }
        });
        previous = drained;
        Map<String, String> stored = new HashMap<>();
        List<Map.Entry<Key, long[]>> sorted = new ArrayList<>(totals.size());
        totals.forEach((key, value) -> sorted.add(Map.entry(key.viewer() == null ? key
                : new Key(key.id(), stored.computeIfAbsent(key.viewer(), store)), value)));
        sorted.sort(Comparator.comparingLong((Map.Entry<Key, long[]> e) -> e.getKey().id())
                .thenComparing(e -> e.getKey().viewer(), Comparator.nullsFirst(Comparator.naturalOrder())));
        return chunks(sorted, batchSize);
    }

    private static void add(Map<Key, long[]> totals, Key key, Views views, long count) {
        totals.merge(key, new long[] { count, views.firstMicros, views.lastMicros },
                (a, b) -> new long[] { a[0] + b[0], Math.min(a[1], b[1]), Math.max(a[2], b[2]) });
    }

    private static List<Chunk> chunks(List<Map.Entry<Key, long[]>> pairs, int batchSize) {
        List<Chunk> chunks = new ArrayList<>();
        for (int from = 0; from < pairs.size(); from += batchSize) {
            int size = Math.min(batchSize, pairs.size() - from);
            long[] ids = new long[size];
            long[] counts = new long[size];
            String[] viewers = new String[size];
            long[] first = new long[size];
            long[] last = new long[size];
            for (int i = 0; i < size; i++) {
                Map.Entry<Key, long[]> pair = pairs.get(from + i);
                ids[i] = pair.getKey().id();
                viewers[i] = pair.getKey().viewer();
                counts[i] = pair.getValue()[0];
                first[i] = pair.getValue()[1];
                last[i] = pair.getValue()[2];
            }
            chunks.add(new Chunk(UUID.randomUUID(), ids, counts, new Columns(viewers, first, last)));
        }
        return chunks;
    }
}
