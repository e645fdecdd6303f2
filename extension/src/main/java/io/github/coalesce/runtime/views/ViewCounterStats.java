package io.github.coalesce.runtime.views;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/** What one view counter has done so far; read by tests, metrics and health checks. */
public final class ViewCounterStats {

    /** Things a counter counts. */
    public enum Event {
        /** A view counted (after the bot filter and the cooldown). */
        RECORDED,
        /** A repeated view of one id by one viewer within the cooldown, not counted. */
        DEDUPLICATED,
        /** A view from a crawler User-Agent, not counted. */
        BOT_FILTERED,
        /** A view dropped because {@code max-pending-keys} ids were already pending (or the counter was closed). */
        DROPPED_PENDING_FULL,
        /** A view of an id whose row no longer exists, dropped instead of retried. */
        DROPPED_MISSING_ROW,
        /** A flush started (by the interval, the pending threshold, or a call). */
        FLUSHES,
        /** A chunk committed: one UPDATE statement. */
        CHUNKS_WRITTEN,
        /** A retried chunk the ledger showed as committed already, so not applied twice. */
        CHUNKS_ALREADY_APPLIED,
        /** A row updated. */
        ROWS_WRITTEN,
        /** A view written to the database. */
        VIEWS_WRITTEN,
        /** A chunk write that failed and was retried. */
        RETRIES,
        /** A chunk that still failed after its retries, kept for the next flush. */
        FAILED_CHUNKS,
        /** A chunk written to the spill file at shutdown. */
        SPILL_WRITES,
        /** A chunk read back from the spill file at start. */
        SPILL_REPLAYS,
        /** A view dropped because {@code max-pending-keys} (id, viewer) pairs were already pending (viewer relation). */
        DROPPED_PAIRS_FULL,
        /** An (id, viewer) pair written to the viewer relation. */
        PAIRS_WRITTEN,
        /** A view the database found within the cooldown of that viewer's last counted view (another instance's). */
        REJECTED_BY_DATABASE_COOLDOWN,
        /** A viewer seen for the first time on an id: one more unique viewer. */
        UNIQUE_VIEWERS_ADDED,
        /** A viewer relation row or daily bucket deleted by the retention. */
        RETENTION_DELETED
    }

    private final Map<Event, LongAdder> counts = new EnumMap<>(Event.class);
    private final AtomicLong lastFlushNanos = new AtomicLong();
    private final AtomicLong lastFlushEpochMillis = new AtomicLong();
    private final AtomicInteger consecutiveFailedFlushes = new AtomicInteger();
    private final AtomicInteger activeWriters = new AtomicInteger();
    private final AtomicInteger maxActiveWriters = new AtomicInteger();
    /** Where the duration of every flush goes (a Micrometer timer, when present). */
    private volatile LongConsumer flushDurations = nanos -> {
    };

    public ViewCounterStats() {
        for (Event event : Event.values()) {
            counts.put(event, new LongAdder());
        }
    }

    public void count(Event event) {
        counts.get(event).increment();
    }

    public void count(Event event, long times) {
        counts.get(event).add(times);
    }

    /** @return how often {@code event} happened */
    public long get(Event event) {
        return counts.get(event).sum();
    }

    public long recorded() {
        return get(Event.RECORDED);
    }

    public long chunksWritten() {
        return get(Event.CHUNKS_WRITTEN);
    }

    public long viewsWritten() {
        return get(Event.VIEWS_WRITTEN);
    }

    /** Counts a committed chunk: its rows, its views, and the ids whose row no longer exists. */
    public void written(Chunk chunk, ChunkWriter.Written result) {
        if (result.alreadyApplied()) {
            count(Event.CHUNKS_ALREADY_APPLIED);
            return;
        }
        count(Event.CHUNKS_WRITTEN);
        count(Event.ROWS_WRITTEN, result.rows());
        long missingViews = 0;
        for (long id : result.missingIds()) {
            missingViews += chunk.countOf(id);
        }
        count(Event.DROPPED_MISSING_ROW, missingViews);
        long notCounted = 0;
        ViewerChunkWriter.RelationWritten relation = result.relation();
        if (relation != null) {
            count(Event.PAIRS_WRITTEN, relation.pairs());
            count(Event.REJECTED_BY_DATABASE_COOLDOWN, relation.rejected());
            count(Event.UNIQUE_VIEWERS_ADDED, relation.uniques());
            notCounted = relation.rejected();
            for (int deferred : relation.deferred()) {
                notCounted += chunk.counts()[deferred];
            }
        }
        count(Event.VIEWS_WRITTEN, chunk.views() - missingViews - notCounted);
    }

    public void flushCompleted(long nanos, boolean everythingWritten) {
        lastFlushNanos.set(nanos);
        flushDurations.accept(nanos);
        lastFlushEpochMillis.set(System.currentTimeMillis());
        if (everythingWritten) {
            consecutiveFailedFlushes.set(0);
        } else {
            consecutiveFailedFlushes.incrementAndGet();
        }
    }

    /** Sends the duration in nanoseconds of every completed flush to {@code sink} (the last one set wins). */
    public void observeFlushDurations(LongConsumer sink) {
        flushDurations = sink;
    }

    public void writerStarted() {
        int active = activeWriters.incrementAndGet();
        maxActiveWriters.accumulateAndGet(active, Math::max);
    }

    public void writerFinished() {
        activeWriters.decrementAndGet();
    }

    /** @return how long the last completed flush took, in nanoseconds */
    public long lastFlushNanos() {
        return lastFlushNanos.get();
    }

    /** @return when the last flush completed, in epoch milliseconds, or 0 */
    public long lastFlushEpochMillis() {
        return lastFlushEpochMillis.get();
    }

    /** @return flushes in a row that left a chunk unwritten; 0 after a clean flush */
    public int consecutiveFailedFlushes() {
        return consecutiveFailedFlushes.get();
    }

    /** @return the most chunk writes observed running at the same time */
    public int maxActiveWriters() {
        return maxActiveWriters.get();
    }

    /** @return chunk writes running now */
    public int activeWriters() {
        return activeWriters.get();
    }
}
