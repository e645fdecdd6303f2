package io.github.coalesce.runtime.dev;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.github.coalesce.FlightSnapshot;
import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterStats;
import io.github.coalesce.runtime.CoalesceStats;
import io.github.coalesce.runtime.FlightGroupRegistry;
import io.github.coalesce.runtime.FlightKey;
import io.github.coalesce.runtime.views.ViewCounters;
import io.smallrye.mutiny.Uni;

/**
 * The Dev UI's live view (dev mode only): flights running now, counters per flight group, and the view counters,
 * which it can also flush. Everything is read from what the engines keep anyway; nothing here is on a request path.
 */
public class CoalesceJsonRpcService {

    @Inject
    FlightGroupRegistry methods;

    /** Absent when the application has no datasource. */
    @Inject
    Instance<ViewCounters> counters;

    /** @return the flights running now, oldest first: group, key, callers so far, callers waiting, age */
    public List<Map<String, Object>> getFlights() {
        List<Map<String, Object>> flights = new ArrayList<>();
        for (FlightSnapshot flight : methods.coalescer().snapshot()) {
            Map<String, Object> row = new LinkedHashMap<>();
            boolean intercepted = flight.key() instanceof FlightKey;
            row.put("group", intercepted ? ((FlightKey) flight.key()).group() : "(Coalescer API)");
            row.put("key", String.valueOf(intercepted ? ((FlightKey) flight.key()).key() : flight.key()));
            row.put("callers", flight.callers());
            row.put("waiting", flight.waiting());
            row.put("ageMillis", flight.age() == null ? null : flight.age().toMillis());
            flights.add(row);
        }
        return flights;
    }

    /** @return the counters of every flight group, by group name */
    public List<Map<String, Object>> getGroups() {
        List<Map<String, Object>> groups = new ArrayList<>();
        methods.groups().forEach(stats -> groups.add(describe(stats)));
        return groups;
    }

    /** @return every view counter: pending ids, oldest pending age, last flush, totals */
    public List<Map<String, Object>> getViewCounters() {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (counters.isResolvable()) {
            new TreeMap<>(counters.get().all()).forEach((name, counter) -> rows.add(describe(name, counter)));
        }
        return rows;
    }

    /** Writes what the counter holds now; the answer says what was written or why not. */
    public Uni<String> flushNow(String name) {
        ViewCounter counter = counters.isResolvable() ? counters.get().all().get(name) : null;
        if (counter == null) {
            return Uni.createFrom().item("No view counter named '" + name + "'");
        }
        long before = counter.stats().viewsWritten();
        return Uni.createFrom().completionStage(counter.flush())
                .map(done -> "Flushed " + name + ": " + (counter.stats().viewsWritten() - before) + " views written")
                .onFailure().recoverWithItem(failure -> "Flush of " + name + " failed, the views are kept: "
                        + failure.getMessage());
    }

    private static Map<String, Object> describe(CoalesceStats stats) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("group", stats.name());
        row.put("calls", stats.calls());
        row.put("executions", stats.executions());
        row.put("joined", stats.joined());
        row.put("failures", stats.failures());
        row.put("maxWaitTimeouts", stats.maxWaitTimeouts());
        row.put("detached", stats.detached());
        row.put("inFlight", stats.inFlight());
        row.put("maxFanIn", stats.maxFanIn());
        return row;
    }

    private static Map<String, Object> describe(String name, ViewCounter counter) {
        ViewCounterStats stats = counter.stats();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("pendingIds", stats.pendingIds());
        row.put("oldestPendingMillis", stats.oldestPendingAge().toMillis());
        row.put("lastFlush", stats.lastFlushTime().map(Instant::toString).orElse("never"));
        row.put("lastFlushMillis", stats.lastFlushDuration().toMillis());
        row.put("failedFlushesInARow", stats.failedFlushesInARow());
        row.put("recorded", stats.recorded());
        row.put("viewsWritten", stats.viewsWritten());
        row.put("statements", stats.chunksWritten());
        return row;
    }
}
