package io.github.coalesce.runtime.views;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Views recorded but not yet handed to a flush: one {@link LongAdder} per id in a {@link ConcurrentHashMap}, swapped
 * whole by each drain under the {@link Generation} protocol (recorders never wait; no increment is lost or counted
 * twice).
 */
public final class PendingViews {

    private final Generation.Current<Long, LongAdder> current = new Generation.Current<>();
    /** Only read and written under {@code this}, by drains. */
    private Generation<Long, LongAdder> previous;

    /**
     * @param id the id viewed
     * @param maxKeys how many distinct ids may be pending
     * @return {@code false} when {@code id} is not pending yet and {@code maxKeys} ids already are
     */
    public boolean add(long id, int maxKeys) {
        Generation<Long, LongAdder> generation = current.enter();
        try {
            LongAdder adder = generation.map.get(id);
            if (adder == null) {
                if (generation.map.size() >= maxKeys) {
                    return false;
                }
                adder = generation.map.computeIfAbsent(id, key -> new LongAdder());
                generation.recorded();
            }
            adder.increment();
            return true;
        } finally {
            generation.leave();
        }
    }

    /**
     * @param id an id
     * @return views of {@code id} recorded since the last drain (late arrivals in the drained map included)
     */
    public long pending(long id) {
        LongAdder adder = current.peek().map.get(id);
        long count = adder == null ? 0 : adder.sum();
        Generation<Long, LongAdder> drained = previous;
        if (drained != null) {
            LongAdder late = drained.map.get(id);
            Map<Long, Long> taken = drained.taken;
            if (late != null && taken != null) {
                count += late.sum() - taken.getOrDefault(id, 0L);
            }
        }
        return count;
    }

    /** @return how many distinct ids are pending */
    public int size() {
        return current.peek().map.size();
    }

    /** @return nanoseconds since the oldest pending view was recorded, or 0 when nothing is pending */
    public long oldestAgeNanos() {
        return current.peek().ageNanos();
    }

    /** @return the views to write per id, late arrivals of the previous drain included; the map is empty after */
    public synchronized Map<Long, Long> drain() {
        Generation<Long, LongAdder> drained = current.swap();
        Map<Long, Long> totals = new HashMap<>();
        if (previous != null) {
            previous.map.forEach((id, adder) -> {
                long late = adder.sum() - previous.taken.getOrDefault(id, 0L);
                if (late > 0) {
                    totals.merge(id, late, Long::sum);
                }
            });
        }
        Map<Long, Long> taken = new HashMap<>();
        drained.map.forEach((id, adder) -> {
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
