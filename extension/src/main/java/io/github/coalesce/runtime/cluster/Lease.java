package io.github.coalesce.runtime.cluster;

import java.util.concurrent.ScheduledFuture;

/**
 * A lease this instance holds while its leader runs: renewed on a timer until the flight finishes.
 * <p>
 * Internal: not part of the public API.
 */
public final class Lease {

    private volatile ScheduledFuture<?> renewal;
    private volatile boolean lost;

    void renewWith(ScheduledFuture<?> renewal) {
        this.renewal = renewal;
    }

    void markLost() {
        lost = true;
    }

    /** @return whether a renewal found another instance's token */
    boolean lost() {
        return lost;
    }

    void stop() {
        ScheduledFuture<?> current = renewal;
        if (current != null) {
            current.cancel(false);
        }
    }
}
