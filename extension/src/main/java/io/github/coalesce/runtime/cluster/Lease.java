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
    private volatile boolean stopped;

    void renewWith(ScheduledFuture<?> renewal) {
        this.renewal = renewal;
        if (stopped) {
            // The confirmation found the lease gone (or the flight finished) before the timer was handed over.
            renewal.cancel(false);
        }
    }

    /** @return whether a renewal timer is handed over and not cancelled */
    boolean renewing() {
        ScheduledFuture<?> current = renewal;
        return current != null && !current.isCancelled();
    }

    /** Once stopped (the flight finished), a renewal's late reply no longer speaks of this flight's lease. */
    void markLost() {
        if (!stopped) {
            lost = true;
        }
    }

    /** @return whether a renewal found another instance's token */
    boolean lost() {
        return lost;
    }

    void stop() {
        stopped = true;
        ScheduledFuture<?> current = renewal;
        if (current != null) {
            current.cancel(false);
        }
    }
}
