package io.github.coalesce.sample;

import java.util.Map;
import java.util.TreeMap;

import io.github.coalesce.ViewCounterStats;

/** What the "how it works" page polls: calls vs executions per coalesced group, and the view counter's numbers. */
public record LiveNumbers(Map<String, Group> coalesced, Views views) {

    /** One flight group. */
    public record Group(long calls, long executions, long joined, long maxFanIn) {
    }

    /** The view counter. */
    public record Views(long recorded, long pendingIds, long written, long statements, long deduplicated,
            long botFiltered) {

        static Views of(ViewCounterStats stats) {
            return new Views(stats.recorded(), stats.pendingIds(), stats.viewsWritten(), stats.chunksWritten(),
                    stats.deduplicated(), stats.botFiltered());
        }
    }

    static Map<String, Group> sorted(Map<String, Group> groups) {
        return new TreeMap<>(groups);
    }
}
