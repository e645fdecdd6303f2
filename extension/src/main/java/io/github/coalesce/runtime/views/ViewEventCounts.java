package io.github.coalesce.runtime.views;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import io.github.coalesce.ViewCounterStats;
import io.github.coalesce.ViewCounterStats.DropReason;
import io.github.coalesce.ViewWriter;
import io.github.coalesce.ViewerRelationStats;

/**
 * The live, mutable counts behind {@link ViewCounterStats}: one {@link LongAdder} per event, so that recorders on
 * many threads never contend. Only the engine writes them; everyone else reads a {@link #snapshot snapshot}.
 */
final class ViewEventCounts {

    /** Things a counter counts. */
    enum Event {
        RECORDED,
        DEDUPLICATED,
        BOT_FILTERED,
        DROPPED_PENDING_FULL,
        DROPPED_MISSING_ROW,
        FLUSHES,
        CHUNKS_WRITTEN,
        CHUNKS_ALREADY_APPLIED,
        ROWS_WRITTEN,
        VIEWS_WRITTEN,
        RETRIES,
        FAILED_CHUNKS,
        SPILL_WRITES,
        SPILL_REPLAYS,
        /** Views dropped because {@code maxPendingKeys} (id, viewer) pairs were pending or unwritten. */
        DROPPED_PAIRS_FULL,
        /** (id, viewer) pairs written to the viewer relation. */
        PAIRS_WRITTEN,
        /** Views the database found within the cooldown of that viewer's last counted view. */
        REJECTED_BY_DATABASE_COOLDOWN,
        /** New (id, viewer) rows: new unique viewers. */
        UNIQUE_VIEWERS_ADDED,
        /** Viewer relation rows and daily buckets deleted by the retention. */
        RETENTION_DELETED
    }

    private final Map<Event, LongAdder> counts = new EnumMap<>(Event.class);
    private final AtomicLong lastFlushNanos = new AtomicLong();
    private final AtomicLong lastFlushEpochMillis = new AtomicLong();
    private final AtomicInteger failedFlushesInARow = new AtomicInteger();
    private final AtomicInteger activeWriters = new AtomicInteger();
    private final AtomicInteger maxActiveWriters = new AtomicInteger();
    /** Where the duration of every flush goes (a Micrometer timer, when present). */
    private volatile LongConsumer flushDurations = nanos -> {
    };

    ViewEventCounts() {
        for (Event event : Event.values()) {
            counts.put(event, new LongAdder());
        }
    }

    void count(Event event) {
        counts.get(event).increment();
    }

    void count(Event event, long times) {
        counts.get(event).add(times);
    }

    long get(Event event) {
        return counts.get(event).sum();
    }

    /**
     * Counts a committed chunk: its rows, its views, and the views of ids whose row no longer exists. A chunk found
     * applied already counts as such, plus, for a relation chunk whose earlier attempt in this process committed
     * without its client learning it, what that commit did.
     */
    void written(Chunk chunk, ViewWriter.Written result) {
        ViewerChunkWriter.RelationWritten relation = chunk.pairs() == null ? null : chunk.pairs().outcome().get();
        ViewWriter.Written committed = result;
        if (result.alreadyApplied()) {
            count(Event.CHUNKS_ALREADY_APPLIED);
            if (relation == null) {
                return;
            }
            committed = relation.countWritten();
        } else {
            count(Event.CHUNKS_WRITTEN);
        }
        count(Event.ROWS_WRITTEN, committed.rows());
        long missingViews = 0;
        for (long id : committed.missingIds()) {
            missingViews += chunk.countOf(id);
        }
        count(Event.DROPPED_MISSING_ROW, missingViews);
        long notCounted = 0;
        if (relation != null) {
            count(Event.PAIRS_WRITTEN, relation.pairs());
            count(Event.REJECTED_BY_DATABASE_COOLDOWN, relation.rejected());
            count(Event.UNIQUE_VIEWERS_ADDED, relation.uniques());
            notCounted = relation.rejected();
        }
        count(Event.VIEWS_WRITTEN, chunk.views() - missingViews - notCounted);
    }

    void flushCompleted(long nanos, boolean everythingWritten) {
        lastFlushNanos.set(nanos);
        flushDurations.accept(nanos);
        lastFlushEpochMillis.set(System.currentTimeMillis());
        if (everythingWritten) {
            failedFlushesInARow.set(0);
        } else {
            failedFlushesInARow.incrementAndGet();
        }
    }

    /** Sends the duration in nanoseconds of every completed flush to {@code sink} (the last one set wins). */
    void observeFlushDurations(LongConsumer sink) {
        flushDurations = sink;
    }

    void writerStarted() {
        int active = activeWriters.incrementAndGet();
        maxActiveWriters.accumulateAndGet(active, Math::max);
    }

    void writerFinished() {
        activeWriters.decrementAndGet();
    }

    ViewCounterStats snapshot(int pendingIds, long oldestPendingNanos) {
        return snapshot(pendingIds, oldestPendingNanos, 0);
    }

    ViewCounterStats snapshot(int pendingIds, long oldestPendingNanos, int pendingPairs) {
        Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
        dropped.put(DropReason.PENDING_FULL, get(Event.DROPPED_PENDING_FULL));
        dropped.put(DropReason.MISSING_ROW, get(Event.DROPPED_MISSING_ROW));
        dropped.put(DropReason.PAIRS_FULL, get(Event.DROPPED_PAIRS_FULL));
        long lastFlush = lastFlushEpochMillis.get();
        return new ViewCounterStats(get(Event.RECORDED), get(Event.DEDUPLICATED), get(Event.BOT_FILTERED), dropped,
                get(Event.FLUSHES), get(Event.CHUNKS_WRITTEN), get(Event.CHUNKS_ALREADY_APPLIED),
                get(Event.ROWS_WRITTEN), get(Event.VIEWS_WRITTEN), get(Event.RETRIES), get(Event.FAILED_CHUNKS),
                get(Event.SPILL_WRITES), get(Event.SPILL_REPLAYS), failedFlushesInARow.get(), pendingIds,
                Duration.ofNanos(oldestPendingNanos), Duration.ofNanos(lastFlushNanos.get()),
                lastFlush == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastFlush)),
                activeWriters.get(), maxActiveWriters.get(), new ViewerRelationStats(get(Event.PAIRS_WRITTEN),
                        get(Event.REJECTED_BY_DATABASE_COOLDOWN), get(Event.UNIQUE_VIEWERS_ADDED),
                        get(Event.RETENTION_DELETED), pendingPairs));
    }
}
