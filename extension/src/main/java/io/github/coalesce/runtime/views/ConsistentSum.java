package io.github.coalesce.runtime.views;

import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

import org.jboss.logging.Logger;

/**
 * The stored count of an id plus its views not yet written, read so that no chunk moved views of the id from one to
 * the other in between: the sum is repeated at once while a move of the id ended during the read (see
 * {@link ViewMoves}). It never waits for a write: when no attempt was consistent it shows the id's {@link ShownFloors}
 * floor instead.
 */
final class ConsistentSum {

    private static final Logger LOG = Logger.getLogger(ConsistentSum.class);
    /** A read that overlapped a move of its id is repeated at once, this many times in all. */
    private static final int ATTEMPTS = 3;

    private final String name;
    private final ViewMoves moves;
    private final LongUnaryOperator unwritten;
    private final ShownFloors floors = new ShownFloors();

    /**
     * @param name the counter's name, for the log
     * @param moves the moves of views from memory to the table
     * @param unwritten the views of an id in memory: pending, being written or waiting for a retry
     */
    ConsistentSum(String name, ViewMoves moves, LongUnaryOperator unwritten) {
        this.name = name;
        this.moves = moves;
        this.unwritten = unwritten;
    }

    /**
     * @param id the id
     * @param storedRead reads the stored count afresh; a failure of its first run reaches the caller
     * @param shown whether the sum is shown to readers: then it keeps and, when no attempt was consistent, falls
     *        back to the floor
     * @return the stored count plus the views of {@code id} not yet written
     */
    long of(long id, LongSupplier storedRead, boolean shown) {
        long count = 0;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long ended = moves.ended(id);
            long stored;
            try {
                stored = storedRead.getAsLong();
            } catch (RuntimeException e) {
                if (attempt == 1) {
                    throw e;
                }
                // The caller's read succeeded once (and may have recorded a view on the strength of it): a repeat is
                // this class's own affair, so its failure ends the repeats as a write still under way does.
                LOG.debugf(e, "View counter %s: a repeated read of id %d failed", name, id);
                break;
            }
            count = stored + unwritten.applyAsLong(id);
            if (moves.quietSince(id, ended)) {
                if (shown) {
                    floors.raise(id, count);
                }
                return count;
            }
            if (moves.ended(id) == ended) {
                break; // a move still under way, none ended: an attempt now would overlap it again
            }
        }
        // The read overlapped a write of this id that is still under way (a slow database) or could not be repeated:
        // waiting would slow the page down with the writes, so the last consistent answer is shown (the sum may be
        // off by that write).
        long floor = shown ? floors.of(id) : -1;
        return floor >= 0 ? floor : count;
    }
}
