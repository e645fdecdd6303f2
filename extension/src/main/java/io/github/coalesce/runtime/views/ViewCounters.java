package io.github.coalesce.runtime.views;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.github.coalesce.runtime.views.ViewCountersConfig.ViewersConfig;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The application's view counters, built from {@code quarkus.coalesce.view-counter.*}: checked against the database
 * at start-up (so a wrong table or column fails the start, naming the property), flushed and closed at shutdown
 * while the datasource is still open.
 */
@ApplicationScoped
public class ViewCounters {

    private static final Logger LOG = Logger.getLogger(ViewCounters.class);
    private static final String PREFIX = "quarkus.coalesce.view-counter.";

    private final Map<String, ViewCounter> counters = new ConcurrentHashMap<>();
    private final Map<String, RetentionPruner> pruners = new ConcurrentHashMap<>();

    @Inject
    ViewCountersConfig config;

    @Inject
    Instance<DataSource> dataSource;

    @Inject
    Instance<ViewerSource> viewers;

    @Inject
    Instance<io.github.coalesce.runtime.StatsListener> listeners;

    /** @return the counter configured under {@code name} ({@link ViewCountersConfig#DEFAULT} for the default one) */
    public ViewCounter get(String name) {
        ViewCounter counter = counters.get(name);
        if (counter != null) {
            return counter;
        }
        synchronized (this) {
            return counters.computeIfAbsent(name, this::create);
        }
    }

    /** @return the counters created so far, by name */
    public Map<String, ViewCounter> all() {
        return Collections.unmodifiableMap(counters);
    }

    /** Creates every configured counter, so that configuration mistakes fail the start. */
    void start(@Observes StartupEvent event) {
        config.counters().forEach((name, counter) -> {
            // A counter without a table is only an error if the application injects it.
            if (counter.table().isPresent() || !counter.enabled()) {
                get(name);
            }
        });
    }

    /** Runs before beans (and so the datasource) are destroyed. */
    void stop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        pruners.values().forEach(RetentionPruner::close);
        counters.forEach((name, counter) -> {
            ViewCountersConfig.CounterConfig counterConfig = config.counters().get(name);
            counter.close(counterConfig == null ? java.time.Duration.ofSeconds(10) : counterConfig.shutdownTimeout());
        });
    }

    private ViewCounter create(String name) {
        ViewCountersConfig.CounterConfig counter = config.counters().get(name);
        String prefix = ViewCountersConfig.DEFAULT.equals(name) ? PREFIX : PREFIX + "\"" + name + "\".";
        if (counter == null) {
            throw new ConfigurationException("No view counter named '" + name + "': set " + prefix + "table");
        }
        if (!counter.enabled()) {
            return new DisabledViewCounter();
        }
        String table = counter.table().orElseThrow(() -> new ConfigurationException(prefix
                + "table is required: the table whose rows count views (e.g. post)"));
        ViewCounterOptions options = options(name, prefix, counter);
        if (!dataSource.isResolvable()) {
            throw new ConfigurationException("The view counter needs a JDBC datasource: add quarkus-jdbc-postgresql"
                    + " and configure quarkus.datasource.*, or set " + prefix + "enabled=false");
        }
        DataSource db = dataSource.get();
        JdbcChunkWriter.validate(db, prefix, table, counter.idColumn(), counter.countColumn());
        JdbcChunkWriter writer = new JdbcChunkWriter(db, table, counter.idColumn(), counter.countColumn(),
                counter.ledgerTable(), name, counter.statementTimeout());
        try {
            writer.createLedger();
        } catch (SQLException e) {
            throw new IllegalStateException(prefix + "ledger-table: could not create '" + counter.ledgerTable()
                    + "': " + e.getMessage(), e);
        }
        if (counter.viewers().enabled()) {
            return withViewers(name, prefix, table, counter, options, db);
        }
        Supplier<ViewCounter.Viewer> source = viewers(options);
        LOG.debugf("View counter %s: table %s(%s += views by %s), flush every %s in chunks of %d, at most %d"
                + " concurrent writers", name, table, counter.countColumn(), counter.idColumn(),
                counter.flushInterval(), counter.batchSize(), counter.maxConcurrentFlushes());
        ViewCounter created = new ViewCounter(options, writer, source);
        listeners.forEach(listener -> listener.counterCreated(name, created));
        return created;
    }

    /** A counter with the viewer relation on: pairs written by {@link ViewerChunkWriter}, old rows pruned. */
    private ViewCounter withViewers(String name, String prefix, String table, ViewCountersConfig.CounterConfig counter,
            ViewCounterOptions options, DataSource db) {
        ViewersConfig viewers = counter.viewers();
        String viewersPrefix = prefix + "viewers.";
        ViewerHasher hasher;
        try {
            hasher = new ViewerHasher(viewers.secret().orElse(null), viewers.storePrincipals(), viewersPrefix + "secret");
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        atLeast(viewers.retentionBatchSize(), 1, viewersPrefix + "retention-batch-size");
        positive(viewers.retention(), viewersPrefix + "retention");
        positive(viewers.retentionInterval(), viewersPrefix + "retention-interval");
        ViewerTables tables = new ViewerTables(viewers.table(), viewers.idColumn(),
                viewers.uniqueColumn().orElse(null), viewers.dailyTable().orElse(null), viewers.timeZone());
        // The writer checks every name is a plain identifier before any of them reaches SQL.
        ViewerChunkWriter writer = new ViewerChunkWriter(db, table, counter.idColumn(), counter.countColumn(),
                counter.ledgerTable(), name, counter.statementTimeout(), tables, counter.cooldown());
        ViewerTablesCheck.validate(db, prefix, table, tables);
        ViewCounter created = new ViewCounter(options, writer, viewers(options, true), hasher);
        pruners.put(name, new RetentionPruner(db, tables, viewers.retention(), viewers.retentionInterval(),
                viewers.retentionBatchSize(), name,
                rows -> created.stats().count(ViewCounterStats.Event.RETENTION_DELETED, rows)).start());
        LOG.debugf("View counter %s: viewer relation %s, unique column %s, daily table %s (%s days), retention %s",
                name, tables.table(), tables.uniqueColumn(), tables.dailyTable(), tables.zone(), viewers.retention());
        listeners.forEach(listener -> listener.counterCreated(name, created));
        return created;
    }

    /** What the counter needs of the request: the viewer's id only with a cooldown, the User-Agent only with the filter. */
    private Supplier<ViewCounter.Viewer> viewers(ViewCounterOptions options) {
        return viewers(options, false);
    }

    private Supplier<ViewCounter.Viewer> viewers(ViewCounterOptions options, boolean idAlways) {
        boolean withId = idAlways || !options.cooldown().isZero();
        if (!viewers.isResolvable() || !(withId || options.botFilter())) {
            return () -> null;
        }
        ViewerSource http = viewers.get();
        return () -> http.get(withId);
    }

    private static ViewCounterOptions options(String name, String prefix, ViewCountersConfig.CounterConfig counter) {
        atLeast(counter.batchSize(), 1, prefix + "batch-size");
        atLeast(counter.maxConcurrentFlushes(), 1, prefix + "max-concurrent-flushes");
        atLeast(counter.maxPendingKeys(), 1, prefix + "max-pending-keys");
        atLeast(counter.maxCooldownEntries(), 1, prefix + "max-cooldown-entries");
        atLeast(counter.maxRetries(), 0, prefix + "max-retries");
        positive(counter.flushInterval(), prefix + "flush-interval");
        if (counter.cooldown().isNegative()) {
            throw new ConfigurationException(prefix + "cooldown must not be negative: " + counter.cooldown());
        }
        Path spill = counter.spillFile().orElse(Path.of(System.getProperty("java.io.tmpdir"),
                "quarkus-coalesce-" + name.replaceAll("[^A-Za-z0-9_-]", "") + ".spill"));
        return new ViewCounterOptions(name, counter.flushInterval(), counter.batchSize(),
                counter.maxConcurrentFlushes(), counter.maxPendingKeys(), counter.cooldown(),
                counter.maxCooldownEntries(), counter.botFilter(), counter.maxRetries(), counter.retryDelay(), spill);
    }

    private static void atLeast(int value, int min, String property) {
        if (value < min) {
            throw new ConfigurationException(property + " must be at least " + min + ", but is " + value);
        }
    }

    private static void positive(java.time.Duration value, String property) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigurationException(property + " must be positive, but is " + value);
        }
    }
}
