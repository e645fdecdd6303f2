package io.github.coalesce.runtime.views;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One generation of a pending map ({@link PendingViews}, {@link ViewerPairs}): recorders write it, a drain swaps it
 * whole for a fresh one, and recorders never wait.
 * <p>
 * <b>The protocol.</b> A recorder enters the generation it read, re-checks that it is still the current one (else it
 * leaves and retries with the new one), writes, and {@link #leave leaves}: {@link Current#enter}. A drain swaps in a
 * fresh generation, then waits until everyone who entered the swapped one has left before it reads it
 * ({@link Current#swap}): no write is lost or counted twice. Entries and exits are two {@link LongAdder}s (no shared hot
 * counter).
 * Should a recorder be descheduled for longer than the drain waits, the drained generation is kept for one more round
 * and whatever arrived in it late is picked up by the next drain.
 *
 * @param <K> the key of the map
 * @param <V> its value
 */
final class Generation<K, V> {

    /** How long a drain waits for recorders still inside the swapped generation. */
    private static final long QUIESCENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
    private final LongAdder entered = new LongAdder();
    private final LongAdder left = new LongAdder();
    private volatile long firstRecordNanos;
    /** What the drain took from each entry, for values that cannot hold it themselves; set once drained. */
    volatile Map<K, Long> taken;

    /** The generation recorders write now, which drains swap. */
    static final class Current<K, V> {

        private volatile Generation<K, V> generation = new Generation<>();

        /** @return the current generation, entered: the caller writes it, then {@link Generation#leave leaves} it */
        Generation<K, V> enter() {
            while (true) {
                Generation<K, V> now = generation;
                now.entered.increment();
                if (now == generation) {
                    return now;
                }
                now.leave(); // swapped meanwhile: the drain may have summed it already
            }
        }

        /** @return the current generation, for reads that write nothing (sizes, ages, pending counts) */
        Generation<K, V> peek() {
            return generation;
        }

        /**
         * Swaps in a fresh generation and waits for the recorders still inside the old one. Only drains call it,
         * one at a time (under their own lock).
         *
         * @return the old generation, ready to be read
         */
        Generation<K, V> swap() {
            Generation<K, V> drained = generation;
            generation = new Generation<>();
            drained.awaitRecordersLeaving();
            return drained;
        }
    }

    void leave() {
        left.increment();
    }

    /** Notes the first write's time, for the age of the oldest pending view. */
    void recorded() {
        if (firstRecordNanos == 0) {
            firstRecordNanos = System.nanoTime();
        }
    }

    /** @return nanoseconds since the first write into this generation, or 0 when there was none */
    long ageNanos() {
        long first = firstRecordNanos;
        return first == 0 ? 0 : System.nanoTime() - first;
    }

    /** Recorders inside a generation run a few instructions; this waits for them, not for I/O. */
    private void awaitRecordersLeaving() {
        long deadline = System.nanoTime() + QUIESCENCE_NANOS;
        for (int spins = 0; !empty(); spins++) {
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

    /**
     * Exits are read before entries and both only grow, so a recorder inside during both reads makes the exits read
     * smaller than the entries read: this never says "empty" while someone is inside.
     */
    private boolean empty() {
        long exits = left.sum();
        return exits == entered.sum();
    }
}
