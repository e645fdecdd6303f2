package io.github.coalesce.runtime.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterStats;
import io.github.coalesce.ViewCounterStats.DropReason;
import io.github.coalesce.runtime.CoalesceStats;
import io.github.coalesce.runtime.StatsListener;
import io.github.coalesce.runtime.views.BatchingViewCounter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Publishes every flight group ({@code coalesce.*{method=…}}) and view counter ({@code coalesce.views.*{counter=…}})
 * to Micrometer, as function counters and gauges over the counters they keep anyway: nothing is counted twice and
 * the hot paths do not touch Micrometer. Registered only when a Micrometer extension is present.
 */
@Singleton
public class MicrometerStatsListener implements StatsListener {

    @Inject
    MeterRegistry registry;

    @Override
    public void groupCreated(CoalesceStats stats) {
        Tags tags = Tags.of("method", stats.name());
        counter("coalesce.calls", "Calls of the method, leaders and followers", tags, stats, CoalesceStats::calls);
        counter("coalesce.executions", "Executions of the method: one per flight", tags, stats,
                CoalesceStats::executions);
        counter("coalesce.joined", "Calls that joined a running flight instead of executing", tags, stats,
                CoalesceStats::joined);
        counter("coalesce.failures", "Executions that ended with an exception", tags, stats,
                CoalesceStats::failures);
        counter("coalesce.max.wait.timeouts", "Followers that gave up after their maximum wait", tags, stats,
                CoalesceStats::maxWaitTimeouts);
        counter("coalesce.detached", "Flights detached as stuck after their maximum age", tags, stats,
                CoalesceStats::detached);
        Gauge.builder("coalesce.in.flight", stats, CoalesceStats::inFlight).tags(tags)
                .description("Flights running now").register(registry);
        // A distribution, not a max gauge: Prometheus then gets count/sum/max of callers per execution (a gauge named
        // coalesce.fan.in.max would clash with the summary's own _max series).
        DistributionSummary fanIn = DistributionSummary.builder("coalesce.fan.in").tags(tags)
                .description("Callers served by one execution (1 = nobody joined)")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 1024)
                .register(registry);
        stats.observeFanIn(fanIn::record);
    }

    @Override
    public void counterCreated(String name, BatchingViewCounter counter) {
        Tags tags = Tags.of("counter", name);
        views("recorded", tags, counter, ViewCounterStats::recorded);
        views("deduplicated", tags, counter, ViewCounterStats::deduplicated);
        views("bot.filtered", tags, counter, ViewCounterStats::botFiltered);
        for (DropReason reason : DropReason.values()) {
            counter("coalesce.views.dropped", "Views dropped, by reason", tags.and("reason", reason.tag()), counter,
                    c -> c.stats().dropped(reason));
        }
        views("flushes", tags, counter, ViewCounterStats::flushes);
        views("chunks.written", tags, counter, ViewCounterStats::chunksWritten);
        views("chunks.already.applied", tags, counter, ViewCounterStats::chunksAlreadyApplied);
        views("rows.written", tags, counter, ViewCounterStats::rowsWritten);
        views("views.written", tags, counter, ViewCounterStats::viewsWritten);
        views("retries", tags, counter, ViewCounterStats::retries);
        views("failed.chunks", tags, counter, ViewCounterStats::failedChunks);
        views("spill.writes", tags, counter, ViewCounterStats::spillWrites);
        views("spill.replays", tags, counter, ViewCounterStats::spillReplays);
        views("pairs.written", tags, counter, stats -> stats.viewers().pairsWritten());
        views("rejected.by.database.cooldown", tags, counter, stats -> stats.viewers().rejectedByDatabaseCooldown());
        views("unique.viewers.added", tags, counter, stats -> stats.viewers().uniqueViewersAdded());
        views("retention.deleted", tags, counter, stats -> stats.viewers().retentionDeleted());
        Gauge.builder("coalesce.views.pending.pairs", counter, c -> c.stats().viewers().pendingPairs()).tags(tags)
                .description("Distinct (id, viewer) pairs of the viewer relation not yet handed to a flush")
                .register(registry);
        Gauge.builder("coalesce.views.pending.ids", counter, c -> c.stats().pendingIds()).tags(tags)
                .description("Distinct ids with views not yet handed to a flush").register(registry);
        Gauge.builder("coalesce.views.oldest.pending.age", counter,
                c -> c.stats().oldestPendingAge().toNanos() / (double) TimeUnit.SECONDS.toNanos(1)).tags(tags)
                .baseUnit("seconds").description("Age of the oldest view not yet handed to a flush").register(registry);
        Timer flushes = Timer.builder("coalesce.views.flush.duration").tags(tags)
                .description("How long a flush took, from taking the pending views to the last chunk's commit")
                .register(registry);
        counter.observeFlushDurations(nanos -> flushes.record(nanos, TimeUnit.NANOSECONDS));
    }

    /** A function counter {@code coalesce.views.<words>} over one number of the counter's stats snapshot. */
    private void views(String words, Tags tags, ViewCounter counter, ToLongFunction<ViewCounterStats> value) {
        counter("coalesce.views." + words, "View counter events: " + words.replace('.', ' '), tags, counter,
                c -> value.applyAsLong(c.stats()));
    }

    private <T> void counter(String name, String description, Tags tags, T source, ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).tags(tags).description(description).register(registry);
    }
}
