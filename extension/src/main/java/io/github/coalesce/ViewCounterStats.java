package io.github.coalesce;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ViewCounter} has done since it started, as one immutable snapshot: taking it again gives newer
 * numbers, this one never changes. Counts are totals since start; the last group describes the moment it was taken.
 *
 * @param recorded views counted (after the bot filter and the cooldown)
 * @param deduplicated repeated views of one id by one viewer within the cooldown, not counted
 * @param botFiltered views from crawler User-Agents, not counted
 * @param dropped views counted but then dropped, by reason (every reason present, zero when it never happened)
 * @param flushes flushes started (by the interval, the pending threshold, or a call)
 * @param chunksWritten chunks committed: one statement each (with the viewer relation, now and then two in one
 *        transaction)
 * @param chunksAlreadyApplied retried chunks the ledger showed as committed already, so not applied twice
 * @param rowsWritten rows updated
 * @param viewsWritten views written to the database
 * @param retries chunk writes that failed and were retried
 * @param failedChunks chunks that still failed after their retries, kept for the next flush
 * @param spillWrites chunks written to the spill file at shutdown
 * @param spillReplays chunks read back from the spill file at start
 * @param failedFlushesInARow flushes in a row that left a chunk unwritten; 0 after a clean flush
 * @param pendingIds distinct ids with views not yet handed to a flush
 * @param oldestPendingAge how long ago the oldest view still pending or unwritten was recorded; zero when none
 * @param lastFlushDuration how long the last completed flush took; zero before the first
 * @param lastFlushTime when the last flush completed; empty before the first
 * @param activeWriters chunk writes running now
 * @param maxActiveWriters the most chunk writes seen running at the same time
 * @param viewers what the viewer relation did; all zero when it is off
 */
public record ViewCounterStats(long recorded, long deduplicated, long botFiltered, Map<DropReason, Long> dropped,
        long flushes, long chunksWritten, long chunksAlreadyApplied, long rowsWritten, long viewsWritten,
        long retries, long failedChunks, long spillWrites, long spillReplays, int failedFlushesInARow,
        int pendingIds, Duration oldestPendingAge, Duration lastFlushDuration, Optional<Instant> lastFlushTime,
        int activeWriters, int maxActiveWriters, ViewerRelationStats viewers) {

    /** Why a counted view was not written. */
    public enum DropReason {
        /** {@code maxPendingKeys} ids were already pending or unwritten, or the counter was closed. */
        PENDING_FULL,
        /** The id's row no longer exists: its views are dropped instead of retried forever. */
        MISSING_ROW,
        /** {@code maxPendingKeys} (id, viewer) pairs of the viewer relation were already pending or unwritten. */
        PAIRS_FULL;

        /** @return the reason as metrics tag it, e.g. {@code pending-full} */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Copies {@code dropped} so that the snapshot stays immutable, and fills in the reasons it lacks. */
    public ViewCounterStats {
        Map<DropReason, Long> all = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            all.put(reason, dropped == null ? 0L : dropped.getOrDefault(reason, 0L));
        }
        dropped = Map.copyOf(all);
        Objects.requireNonNull(oldestPendingAge, "oldestPendingAge");
        Objects.requireNonNull(lastFlushDuration, "lastFlushDuration");
        Objects.requireNonNull(lastFlushTime, "lastFlushTime");
        Objects.requireNonNull(viewers, "viewers");
    }

    /** @return the snapshot of a counter that has done nothing (a disabled one, say) */
    public static ViewCounterStats none() {
        return new ViewCounterStats(0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO,
                Optional.empty(), 0, 0, ViewerRelationStats.none());
    }

    /**
     * @param reason why
     * @return views dropped for that reason
     */
    public long dropped(DropReason reason) {
        return dropped.get(reason);
    }
}
