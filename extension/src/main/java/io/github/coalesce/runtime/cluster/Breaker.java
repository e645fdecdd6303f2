package io.github.coalesce.runtime.cluster;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Skips Redis for a cool-down after a run of failures, so that an unreachable Redis costs one timeout now and then
 * rather than one per flight. After the cool-down one call tries again; one more failure re-opens it.
 */
final class Breaker {

    private final int threshold;
    private final long coolDownNanos;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile long closedAfter = Long.MIN_VALUE;
    private volatile boolean everOpened;

    Breaker(int threshold, long coolDownNanos) {
        this.threshold = Math.max(1, threshold);
        this.coolDownNanos = coolDownNanos;
    }

    boolean allows() {
        return !everOpened || System.nanoTime() - closedAfter >= 0;
    }

    boolean isOpen() {
        return !allows();
    }

    void success() {
        failuresInARow.set(0);
    }

    void failure() {
        if (failuresInARow.incrementAndGet() >= threshold) {
            closedAfter = System.nanoTime() + coolDownNanos;
            everOpened = true;
            // Half-open after the cool-down: a single further failure opens it again.
            failuresInARow.set(threshold - 1);
        }
    }
}
