package io.github.coalesce.runtime.views;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts the moves of views from one place to the next (a drain, from the pending map into chunks; a write, from a
 * chunk into the table), so that a reader summing the table and the pending views of an id can tell whether a move
 * of that id ran meanwhile: its views may then have been in neither place, or in both, when read.
 * <p>
 * Protocol: a move counts itself begun before it takes views out of one place and ended once they are in the next. A
 * reader takes {@link #ended(long)}, reads the places, then asks {@link #quietSince}: a begun count only grows and the
 * ended one never passes it, so the begun count now equal to the ended count then means no move was under way at any
 * moment in between. Writes count per stripe of ids (a reader repeats only for chunks that may hold its id); drains,
 * which touch every id, count once for all.
 */
final class ViewMoves {

    static final int STRIPES = 4096;

    /** Per stripe: begun at {@code 2 * stripe}, ended at {@code 2 * stripe + 1}; the last pair is the drains'. */
    private final AtomicLongArray counts = new AtomicLongArray(2 * STRIPES + 2);

    void drainBegun() {
        counts.incrementAndGet(2 * STRIPES);
    }

    void drainEnded() {
        counts.incrementAndGet(2 * STRIPES + 1);
    }

    /** @return the stripes of a chunk's ids, each once, to pass to {@link #writeEnded} */
    int[] writeBegun(long[] ids) {
        int[] stripes = Arrays.stream(ids).mapToInt(ViewMoves::stripe).distinct().toArray();
        for (int stripe : stripes) {
            counts.incrementAndGet(2 * stripe);
        }
        return stripes;
    }

    void writeEnded(int[] stripes) {
        for (int stripe : stripes) {
            counts.incrementAndGet(2 * stripe + 1);
        }
    }

    /** @return what {@link #quietSince} compares with: the moves of {@code id} ended so far */
    long ended(long id) {
        // Drains and writes of a stripe each stay below 2^32 moves for centuries of flushes.
        return counts.get(2 * STRIPES + 1) << 32 | counts.get(2 * stripe(id) + 1) & 0xFFFF_FFFFL;
    }

    /** @return whether no move of {@code id} was under way since {@link #ended(long)} returned {@code endedBefore} */
    boolean quietSince(long id, long endedBefore) {
        return (counts.get(2 * STRIPES) << 32 | counts.get(2 * stripe(id)) & 0xFFFF_FFFFL) == endedBefore;
    }

    static int stripe(long id) {
        return (int) ((id ^ id >>> 32) * 0x9E3779B9L >>> 20) & (STRIPES - 1);
    }
}
