package io.github.coalesce.runtime.views;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.PatternSyntaxException;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewerFilter;
import io.github.coalesce.runtime.views.ViewCountersConfig.ViewersConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The application's view counters, built from {@code quarkus.coalesce.view-counter.*}: checked against the database
 * at start-up (so a wrong table or column fails the start, naming the property), flushed and closed at shutdown
 * while the datasource is still open.
 * <p>
 * Internal: not part of the public API.
 */
@ApplicationScoped
public class ViewCounters {

    private static final Logger LOG = Logger.getLogger(ViewCounters.class);

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

    /** The application's own bot check, which replaces the built-in one. */
    @Inject
    Instance<ViewerFilter> viewerFilter;

    /**
     * @param name the counter's name ({@link ViewCountersConfig#DEFAULT} for the default one)
     * @return the counter configured under {@code name}, created on first use
     */
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
            counter.close(counterConfig == null ? Duration.ofSeconds(10) : counterConfig.shutdownTimeout());
        });
    }

    private ViewCounter create(String name) {
        ViewCountersConfig.CounterConfig counter = config.counters().get(name);
        String prefix = CounterProperties.prefix(name);
        if (counter == null) {
            throw new ConfigurationException("No view counter named '" + name + "': set " + prefix + "table");
        }
        if (!counter.enabled()) {
            // Not checked: a disabled counter's other properties do not matter.
            return new DisabledViewCounter(ViewCounterOptions.defaults(name));
        }
        String table = counter.table().orElseThrow(() -> new ConfigurationException(prefix
                + "table is required: the table whose rows count views (e.g. post)"));
        ViewCounterOptions options = options(name, prefix, counter);
        // The relation's own settings first: a configuration mistake is named before the database is touched.
        ViewerHasher hasher = counter.viewers().enabled() ? checkedViewers(counter.viewers(), prefix + "viewers.")
                : null;
        DataSource db = counter.datasource().isPresent()
                ? NamedDataSource.lookup(counter.datasource().get(), prefix + "datasource")
                : defaultDataSource(prefix);
        JdbcChunkWriter.validate(db, prefix, table, counter.idColumn(), counter.countColumn());
        JdbcChunkWriter writer = new JdbcChunkWriter(db, table, counter.idColumn(), counter.countColumn(),
                counter.ledgerTable(), name, counter.statementTimeout());
        try {
            writer.createLedger();
        } catch (SQLException e) {
            throw new IllegalStateException(prefix + "ledger-table: could not create '" + counter.ledgerTable()
                    + "': " + e.getMessage(), e);
        }
        if (hasher != null) {
            return withViewers(name, prefix, table, counter, options, db, hasher);
        }
        Supplier<ViewCounter.Viewer> source = viewers(options);
        LOG.debugf("View counter %s: table %s(%s += views by %s), flush every %s in chunks of %d, at most %d"
                + " concurrent writers", name, table, counter.countColumn(), counter.idColumn(),
                counter.flushInterval(), counter.batchSize(), counter.maxConcurrentFlushes());
        BatchingViewCounter created = new BatchingViewCounter(options, writer, source);
        listeners.forEach(listener -> listener.counterCreated(name, created));
        return created;
    }

    /**
     * Checks the relation's settings that need no database.
     *
     * @return the hasher of its viewers
     * @throws ConfigurationException naming the property
     */
    private static ViewerHasher checkedViewers(ViewersConfig viewers, String viewersPrefix) {
        ViewerHasher hasher;
        try {
            hasher = new ViewerHasher(viewers.secret().orElse(null), viewers.storePrincipals(), viewersPrefix + "secret");
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        if (viewers.retentionBatchSize() < 1) {
            throw new ConfigurationException(viewersPrefix + "retention-batch-size must be at least 1, but is "
                    + viewers.retentionBatchSize());
        }
        positive(viewers.retention(), viewersPrefix + "retention");
        positive(viewers.retentionInterval(), viewersPrefix + "retention-interval");
        return hasher;
    }

    /** A counter with the viewer relation on: pairs written by {@link ViewerChunkWriter}, old rows pruned. */
    private ViewCounter withViewers(String name, String prefix, String table, ViewCountersConfig.CounterConfig counter,
            ViewCounterOptions options, DataSource db, ViewerHasher hasher) {
        ViewersConfig viewers = counter.viewers();
        ViewerTables tables = new ViewerTables(viewers.table(), viewers.idColumn(),
                viewers.uniqueColumn().orElse(null), viewers.dailyTable().orElse(null), viewers.timeZone());
        ViewerChunkWriter writer = ViewerChunkWriter.checked(db, prefix, table, counter.idColumn(),
                counter.countColumn(), counter.ledgerTable(), name, counter.statementTimeout(), tables,
                counter.cooldown());
        BatchingViewCounter created = new BatchingViewCounter(options, writer, viewers(options, true), hasher);
        pruners.put(name, new RetentionPruner(db, tables, viewers.retention(), viewers.retentionInterval(),
                viewers.retentionBatchSize(), counter.statementTimeout(), name, created::retentionDeleted).start());
        LOG.debugf("View counter %s: viewer relation %s, unique column %s, daily table %s (%s days), retention %s",
                name, tables.table(), tables.uniqueColumn(), tables.dailyTable(), tables.zone(), viewers.retention());
        listeners.forEach(listener -> listener.counterCreated(name, created));
        return created;
    }

    private DataSource defaultDataSource(String prefix) {
        if (!dataSource.isResolvable()) {
            throw new ConfigurationException("The view counter needs a JDBC datasource: add quarkus-jdbc-postgresql"
                    + " and configure quarkus.datasource.*, or set " + prefix + "enabled=false");
        }
        return dataSource.get();
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

    /**
     * The counter's options from its configuration. {@link ViewCounterOptions} checks them; its message starts with
     * the option's name, which becomes the property's.
     */
    private ViewCounterOptions options(String name, String prefix, ViewCountersConfig.CounterConfig counter) {
        Path spill = counter.spillFile().orElse(Path.of(System.getProperty("java.io.tmpdir"),
                "quarkus-coalesce-" + name.replaceAll("[^A-Za-z0-9_-]", "") + ".spill"));
        try {
            return ViewCounterOptions.builder(name).flushInterval(counter.flushInterval()).batchSize(counter.batchSize())
                    .maxConcurrentFlushes(counter.maxConcurrentFlushes()).maxPendingKeys(counter.maxPendingKeys())
                    .cooldown(counter.cooldown()).maxCooldownEntries(counter.maxCooldownEntries())
                    .botFilter(counter.botFilter()).viewerFilter(counter.botFilter() ? viewerFilter(prefix, counter) : null)
                    .maxRetries(counter.maxRetries()).retryDelay(counter.retryDelay()).spillFile(spill).build();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int space = message.indexOf(' ');
            throw new ConfigurationException(prefix + CounterProperties.kebab(message.substring(0, space))
                    + message.substring(space), e);
        }
    }

    /** The application's bean if there is one, else the built-in filter as {@code bots.*} configure it. */
    private ViewerFilter viewerFilter(String prefix, ViewCountersConfig.CounterConfig counter) {
        if (viewerFilter.isResolvable()) {
            return viewerFilter.get();
        }
        try {
            return BotFilter.of(counter.bots().httpClients(), counter.bots().extraPatterns().orElse(List.of()));
        } catch (PatternSyntaxException e) {
            throw new ConfigurationException(prefix + "bots.extra-patterns: not a regular expression: "
                    + e.getPattern() + " (" + e.getDescription() + ")", e);
        }
    }

    private static void positive(Duration value, String property) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigurationException(property + " must be positive, but is " + value);
        }
    }
}
