package io.github.coalesce.runtime.views;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The largest count a consistent read returned lately, per id: what {@link BatchingViewCounter#withPending} shows when
 * every attempt overlapped a write of that id (a slow database), instead of a sum that may be off by that write's
 * views either way. Views only grow, so the floor is never more than the truth and never less than an earlier
 * answer. Bounded: one slot per stripe of ids, taken over by the last id read there (another id then reads without a
 * floor, and shows its own sum).
 */
final class ShownFloors {

    private record Floor(long id, long views) {
    }

    private final AtomicReferenceArray<Floor> slots = new AtomicReferenceArray<>(ViewMoves.STRIPES);

    /** Raises the floor of {@code id} to {@code views}, a consistent read's result. */
    void raise(long id, long views) {
        int slot = ViewMoves.stripe(id);
        while (true) {
            Floor current = slots.get(slot);
            if (current != null && current.id() == id && current.views() >= views) {
                return;
            }
            if (slots.compareAndSet(slot, current, new Floor(id, views))) {
                return;
            }
        }
    }

    /** @return the floor of {@code id}, or {@code -1} when its slot holds another id */
    long of(long id) {
        Floor floor = slots.get(ViewMoves.stripe(id));
        return floor != null && floor.id() == id ? floor.views() : -1;
    }
}
