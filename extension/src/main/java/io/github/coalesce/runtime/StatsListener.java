package io.github.coalesce.runtime;

import io.github.coalesce.runtime.views.BatchingViewCounter;

/**
 * Told when a flight group or a view counter comes into being, so that an optional integration (Micrometer) can
 * publish its counters without the core depending on it.
 */
public interface StatsListener {

    default void groupCreated(CoalesceStats stats) {
    }

    default void counterCreated(String name, BatchingViewCounter counter) {
    }
}
