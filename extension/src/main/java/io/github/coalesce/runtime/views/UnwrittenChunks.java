package io.github.coalesce.runtime.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chunks taken from the pending map and not written yet: being written, waiting for a retry, or replayed from the
 * spill file. Each is kept with the {@link System#nanoTime()} of the oldest view it holds, so that an outage makes the
 * counter look old (for the health check) while the pending map stays young, and its ids count against
 * {@code maxPendingKeys}, so that an outage cannot grow memory.
 */
final class UnwrittenChunks {

    private final Map<Chunk, Long> oldestViewNanos = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** Chunks whose write failed, written first by the next flush. */
    private final Queue<Chunk> retries = new ConcurrentLinkedQueue<>();

    /** Keeps {@code chunk} until {@link #written} says it is in the database. */
    void keep(Chunk chunk, long oldestViewNanos) {
        if (this.oldestViewNanos.put(chunk, oldestViewNanos) == null) {
            ids.addAndGet(chunk.ids().length);
        }
    }

    /** Forgets a chunk that is in the database (or whose views were dropped). */
    void written(Chunk chunk) {
        if (oldestViewNanos.remove(chunk) != null) {
            ids.addAndGet(-chunk.ids().length);
        }
    }

    /** Queues a kept chunk whose write failed for the next flush. */
    void retryLater(Chunk chunk) {
        retries.add(chunk);
    }

    /** @return the chunks queued for a retry, removed from the queue (they stay kept) */
    List<Chunk> takeRetries() {
        List<Chunk> taken = new ArrayList<>();
        for (Chunk retry; (retry = retries.poll()) != null;) {
            taken.add(retry);
        }
        return taken;
    }

    /** @return the ids in kept chunks (an id in two chunks counts twice) */
    int ids() {
        return ids.get();
    }

    /** @return the views of {@code id} in kept chunks */
    long views(long id) {
        long count = 0;
        for (Chunk chunk : oldestViewNanos.keySet()) {
            count += chunk.countOf(id);
        }
        return count;
    }

    /** @return nanoseconds since the oldest view in a kept chunk was recorded, 0 when none is kept */
    long oldestAgeNanos(long now) {
        long oldest = 0;
        for (long since : oldestViewNanos.values()) {
            oldest = Math.max(oldest, now - since);
        }
        return oldest;
    }

    /** @return every kept chunk */
    List<Chunk> all() {
        return new ArrayList<>(oldestViewNanos.keySet());
    }
}
