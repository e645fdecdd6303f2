package io.github.coalesce.runtime;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.runtime.views.ViewCounters;
import io.github.coalesce.runtime.views.ViewCountersConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * One INFO line at start saying what the extension set up, so that a misconfiguration (a method not coalesced, a
 * counter on the wrong table) shows in the first screen of the log rather than under load.
 */
@ApplicationScoped
public class StartupSummary {

    private static final Logger LOG = Logger.getLogger("io.github.coalesce");

    @Inject
    CoalescedMethodCatalog catalog;

    @Inject
    CoalesceConfig config;

    @Inject
    ViewCountersConfig countersConfig;

    @Inject
    Instance<ViewCounters> counters;

    /** After {@link ViewCounters} has created (and checked) the configured counters. */
    void log(@Observes @Priority(5000) StartupEvent event) {
        LOG.info(describe());
    }

    String describe() {
        List<String> groups = catalog.groups();
        StringBuilder line = new StringBuilder("quarkus-coalesce: ").append(catalog.groupsByMethod().size())
                .append(" @Coalesce method(s) in ").append(groups.size()).append(" flight group(s)");
        if (!groups.isEmpty()) {
            line.append(" ").append(groups);
        }
        if (!config.enabled()) {
            line.append(", coalescing DISABLED (quarkus.coalesce.enabled=false)");
        }
        List<String> described = new ArrayList<>();
        if (counters.isResolvable()) {
            counters.get().all().forEach((name, counter) -> described.add(describe(name, counter)));
        }
        line.append("; ").append(described.isEmpty() ? "no view counter" : "view counter " + String.join(", ", described));
        return line.toString();
    }

    private String describe(String name, ViewCounter counter) {
        ViewCountersConfig.CounterConfig counterConfig = countersConfig.counters().get(name);
        if (counterConfig == null || !counterConfig.enabled()) {
            return name + " disabled";
        }
        ViewCounterOptions options = counter.options();
        return name + " on " + counterConfig.table().orElse("?") + "." + counterConfig.countColumn() + " (flush every "
                + Durations.readable(options.flushInterval()) + " in chunks of "
                + options.batchSize() + ", at most " + options.maxConcurrentFlushes() + " virtual-thread writers)";
    }
}
