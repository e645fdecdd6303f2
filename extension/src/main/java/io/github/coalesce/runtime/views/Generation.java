package io.github.coalesce.runtime.views;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One generation of a pending map ({@link PendingViews}, {@link ViewerPairs}): recorders write it, a drain swaps it
 * whole for a fresh one, and recorders never wait.
 * <p>
 * <b>The protocol.</b> A recorder {@link #enter enters} the generation it read, re-checks that it is still the current
 * one (else it leaves and retries with the new one), writes, and {@link #leave leaves}. A drain swaps in a fresh
 * generation, then {@link #awaitRecordersLeaving waits} until everyone who entered the swapped one has left before it
 * reads it: no write is lost or counted twice. Entries and exits are two {@link LongAdder}s (no shared hot counter).
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

    void enter() {
        entered.increment();
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
    void awaitRecordersLeaving() {
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
