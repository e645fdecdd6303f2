package io.github.coalesce.runtime.views;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Views recorded but not yet handed to a flush: one {@link LongAdder} per id in a {@link ConcurrentHashMap}.
 * <p>
 * A flush swaps the whole map for a fresh one (one volatile write; recorders never wait). A recorder that read the
 * old map just before the swap may still increment it afterwards, so the drained map is kept for one more round and
 * whatever arrived in it late is picked up by the next drain: no increment is lost unless a recorder stalls for a
 * whole flush interval between reading the map and incrementing.
 */
public final class PendingViews {

    private static final class Generation {
        final ConcurrentHashMap<Long, LongAdder> counts = new ConcurrentHashMap<>();
        volatile long firstRecordNanos;
        /** What the drain took from each adder; later increments are the late ones. */
        Map<Long, Long> taken;
    }

    private volatile Generation current = new Generation();
    /** Only read and written under {@code this}, by drains. */
    private Generation previous;

    /** @return {@code false} when {@code id} is not pending yet and {@code maxKeys} ids already are */
    public boolean add(long id, int maxKeys) {
        Generation generation = current;
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
    }

    /** @return views of {@code id} recorded since the last drain (late arrivals in the drained map included) */
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

    /** Swaps the map and returns the views to write per id, late arrivals of the previous swap included. */
    public synchronized Map<Long, Long> drain() {
        Generation drained = current;
        current = new Generation();
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
}
