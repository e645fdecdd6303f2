package io.github.coalesce.runtime.views;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Views recorded but not yet handed to a flush: one {@link LongAdder} per id in a {@link ConcurrentHashMap}.
 * <p>
 * A drain swaps the whole map (a generation) for a fresh one; recorders never wait. A recorder that read the old
 * generation just before the swap may still be incrementing it, so each generation counts the recorders that
 * entered and left it (two more {@link LongAdder}s: no shared hot counter), a recorder re-checks after entering that
 * its generation is still current (else it leaves and uses the new one), and the drain waits until everyone who
 * entered the swapped generation has left before it sums it: no increment is lost or counted twice. Should a recorder
 * be descheduled for longer than the drain waits, the drained generation is kept for one more round and whatever
 * arrived in it late is picked up by the next drain.
 */
public final class PendingViews {

    /** How long a drain waits for recorders still inside the swapped generation. */
    private static final long QUIESCENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private static final class Generation {
        final ConcurrentHashMap<Long, LongAdder> counts = new ConcurrentHashMap<>();
        final LongAdder entered = new LongAdder();
        final LongAdder left = new LongAdder();
        volatile long firstRecordNanos;
        /** What the drain took from each adder; later increments are the late ones. */
        Map<Long, Long> taken;

        /**
         * Exits are read before entries and both only grow, so a recorder inside during both reads makes the exits
         * read smaller than the entries read: this never says "empty" while someone is inside.
         */
        boolean empty() {
            long exits = left.sum();
            return exits == entered.sum();
        }
    }

    private volatile Generation current = new Generation();
    /** Only read and written under {@code this}, by drains. */
    private Generation previous;

    /**
     * @param id the id viewed
     * @param maxKeys how many distinct ids may be pending
     * @return {@code false} when {@code id} is not pending yet and {@code maxKeys} ids already are
     */
    public boolean add(long id, int maxKeys) {
        while (true) {
            Generation generation = current;
            generation.entered.increment();
            try {
                if (generation != current) {
                    continue; // swapped meanwhile: the drain may have summed it already
                }
                LongAdder adder = generation.counts.get(id);
                if (adder == null) {
                    if (generation.counts.size() >= maxKeys) {
                        return false;
                    }
                    adder = generation.counts.computeIfAbsent(id, key -> new LongAdder());
                    if (generation.firstRecordNanos == 0) {
                        generation.firstRecordNanos = System.nanoTime();
                    }
                }
                adder.increment();
                return true;
            } finally {
                generation.left.increment();
            }
        }
    }

    /**
     * @param id an id
     * @return views of {@code id} recorded since the last drain (late arrivals in the drained map included)
     */
    public long pending(long id) {
        LongAdder adder = current.counts.get(id);
        long count = adder == null ? 0 : adder.sum();
        Generation drained = previous;
        if (drained != null) {
            LongAdder late = drained.counts.get(id);
            Map<Long, Long> taken = drained.taken;
            if (late != null && taken != null) {
                count += late.sum() - taken.getOrDefault(id, 0L);
            }
        }
        return count;
    }

    /** @return how many distinct ids are pending */
    public int size() {
        return current.counts.size();
    }

    /** @return nanoseconds since the oldest pending view was recorded, or 0 when nothing is pending */
    public long oldestAgeNanos() {
        long first = current.firstRecordNanos;
        return first == 0 ? 0 : System.nanoTime() - first;
    }

    /** @return the views to write per id, late arrivals of the previous drain included; the map is empty after */
    public synchronized Map<Long, Long> drain() {
        Generation drained = current;
        current = new Generation();
        awaitRecordersLeaving(drained);
        Map<Long, Long> totals = new HashMap<>();
        if (previous != null) {
            previous.counts.forEach((id, adder) -> {
                long late = adder.sum() - previous.taken.getOrDefault(id, 0L);
                if (late > 0) {
                    totals.merge(id, late, Long::sum);
                }
            });
        }
        Map<Long, Long> taken = new HashMap<>();
        drained.counts.forEach((id, adder) -> {
            long count = adder.sum();
            taken.put(id, count);
            if (count > 0) {
                totals.merge(id, count, Long::sum);
            }
        });
        drained.taken = taken;
        previous = drained;
        return totals;
    }

    /** Recorders inside a generation run a few instructions; this waits for them, not for I/O. */
    private static void awaitRecordersLeaving(Generation drained) {
        long deadline = System.nanoTime() + QUIESCENCE_NANOS;
        for (int spins = 0; !drained.empty(); spins++) {
            if (System.nanoTime() - deadline > 0) {
                return; // the next drain picks up what it still receives
            }
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }
}
