package io.github.coalesce.runtime.views;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigDocFilename;
import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithParentName;
import io.smallrye.config.WithUnnamedKey;

/**
 * View counters: {@code quarkus.coalesce.view-counter.*} configures the default one,
 * {@code quarkus.coalesce.view-counter."name".*} a named one, injected with {@code @Identifier("name")}.
 */
// Its own file of the docs site's includes, which the page of its feature includes.
@ConfigDocFilename("quarkus-coalesce_quarkus.coalesce.view-counter.adoc")
@ConfigMapping(prefix = "quarkus.coalesce.view-counter")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface ViewCountersConfig {

    /** The name of the default (unnamed) counter. */
    String DEFAULT = "<default>";

    /** The counters, by name; the unnamed one is the default. */
    @ConfigDocSection
    @ConfigDocMapKey("counter-name")
    @WithParentName
    @WithDefaults
    @WithUnnamedKey(DEFAULT)
    Map<String, CounterConfig> counters();

    /** One counter. */
    interface CounterConfig {

        /**
         * Whether views are counted. When disabled, {@code record} does nothing and nothing is written; the table is
         * not checked.
         */
        @WithDefault("true")
        boolean enabled();

        /** The table whose rows count views, e.g. {@code post} or {@code post_stats}. Required. */
        @ConfigDocDefault("none: required")
        Optional<String> table();

        /** The key column of the table, matched against the ids passed to {@code record}. */
        @WithDefault("id")
        String idColumn();

        /** The column incremented by the number of views. */
        @WithDefault("views")
        String countColumn();

        /** How often pending views are written. */
        @WithDefault("1s")
        Duration flushInterval();

        /** How many ids one UPDATE statement (one chunk) carries at most. */
        @WithDefault("500")
        int batchSize();

        /**
         * How many chunks are written at once, each on its own virtual thread: the bound on concurrent database
         * writes of this counter.
         */
        @WithDefault("4")
        int maxConcurrentFlushes();

        /**
         * How many ids may wait in memory, pending or in chunks not written yet (during a database outage, say);
         * views of further ids are dropped and counted. Reaching {@code batch-size × max-concurrent-flushes} pending
         * ids triggers a flush early.
         */
        @WithDefault("100000")
        int maxPendingKeys();

        /**
         * How long repeated views of one id by one viewer (principal, else client address) count once. {@code 0s}
         * disables deduplication.
         */
        @WithDefault("10m")
        Duration cooldown();

        /** How many (viewer, id) pairs the cooldown remembers at most; the oldest are forgotten first. */
        @WithDefault("100000")
        int maxCooldownEntries();

        /** Whether views from crawler User-Agents (search engines, link previews, monitors) are ignored. */
        @WithDefault("true")
        boolean botFilter();

        /**
         * What the bot filter takes for a bot, beyond its crawler list and generic rules. An application bean
         * implementing {@code io.github.coalesce.ViewerFilter} replaces the built-in check (and these settings)
         * entirely.
         */
        BotsConfig bots();

        /** How often a failing chunk is retried, with exponential backoff, before it waits for the next flush. */
        @WithDefault("3")
        int maxRetries();

        /** The first backoff delay of a failing chunk; it doubles on each retry. */
        @WithDefault("100ms")
        Duration retryDelay();

        /**
         * How long one statement may run before the chunk counts as failed and is retried. It also bounds how long
         * the flush waits on a silent network: a read from the database that gets no byte for this long plus two
         * seconds fails the chunk, even when the cancel request cannot reach the server.
         */
        @WithDefault("10s")
        Duration statementTimeout();

        /**
         * The name of the datasource ({@code quarkus.datasource."<name>".*}) the counter writes to; unset writes to
         * the default datasource. A datasource of its own keeps the flush's connections out of the pool the requests
         * use, so that a slow or stuck write path never takes a connection a request is waiting for.
         */
        @ConfigDocDefault("the default datasource")
        Optional<String> datasource();

        /**
         * The table recording applied flush ids, so that a retried chunk that had in fact committed is not applied
         * twice. Created at start-up if missing.
         */
        @WithDefault("coalesce_view_flush")
        String ledgerTable();

        /**
         * Where pending views go when they cannot be written at shutdown; they are replayed at the next start.
         * Defaults to {@code quarkus-coalesce-<counter>.spill} in the temporary directory.
         */
        @ConfigDocDefault("${java.io.tmpdir}/quarkus-coalesce-<counter-name>.spill")
        Optional<Path> spillFile();

        /** How long shutdown waits for the last flush before spilling what is left. */
        @WithDefault("10s")
        Duration shutdownTimeout();

        /** Who viewed what: the viewer relation, unique viewers and daily buckets. Off by default. */
        ViewersConfig viewers();
    }

    /** The built-in bot filter's settings. */
    interface BotsConfig {

        /**
         * Whether generic HTTP clients are bots: curl, wget, HTTP libraries ({@code Go-http-client},
         * {@code python-requests}, {@code Java/…}, …), headless browsers, and any User-Agent without a browser's
         * shape (a {@code Mozilla/} product whose comment names a platform), a missing one included. A generic client
         * is not a reader; {@code false} counts their views, e.g. for load tests and scripted demos.
         */
        @WithDefault("true")
        boolean httpClients();

        /**
         * Further regular expressions naming bots, matched anywhere in the User-Agent ignoring ASCII case, e.g.
         * {@code AcmeMonitor/} or {@code ^internal-probe}. An invalid one fails the start, naming this property.
         */
        @ConfigDocDefault("none")
        Optional<List<String>> extraPatterns();
    }

    /**
     * The viewer relation: one row per (id, viewer) written by the same flush, in the same statement per chunk, which
     * also decides in the database whether a view counts (so that instances behind a load balancer share one
     * cooldown), keeps the unique-viewer column and the daily buckets in step, and uses the same ledger, retries and
     * spill file as the count.
     */
    interface ViewersConfig {

        /**
         * Whether the viewer relation is kept. When enabled, {@code secret} is required, the cooldown is decided by
         * the database, and the tables below must exist (the application's migrations create them).
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * The relation table: {@code (<id-column>, viewer text, first_seen timestamptz, last_seen timestamptz,
         * last_counted timestamptz, views bigint)} with primary key {@code (<id-column>, viewer)}.
         */
        @WithDefault("post_viewer")
        String table();

        /** The column of the relation table (and of the daily table) that holds the counted row's id. */
        @WithDefault("post_id")
        String idColumn();

        /**
         * The column of the counted table that holds how many distinct viewers each row has had, increased by the
         * same statement; unset keeps no such column (the relation can still be counted with a query).
         */
        @ConfigDocDefault("none: no unique-viewer column")
        Optional<String> uniqueColumn();

        /**
         * The table of daily buckets, {@code (<id-column>, day date, views bigint)} with primary key
         * {@code (<id-column>, day)}, increased by the same statement; unset keeps no buckets.
         */
        @ConfigDocDefault("none: no daily buckets")
        Optional<String> dailyTable();

        /**
         * The time zone whose calendar days the daily buckets are. UTC is recommended: it has no daylight saving
         * days of 23 or 25 hours, and instances in different zones agree.
         */
        @WithDefault("UTC")
        ZoneId timeZone();

        /**
         * The key of the HMAC-SHA-256 that replaces every viewer (client address or principal) before it is stored,
         * at least 16 characters. Required when the relation is enabled; keep it secret and stable (changing it
         * makes every viewer new).
         */
        @ConfigDocDefault("none: required when enabled")
        Optional<String> secret();

        /**
         * Whether authenticated viewers are stored by principal name ({@code user:<name>}) instead of hashed, so
         * that the application can show a user what they viewed. Client addresses are always hashed.
         */
        @WithDefault("false")
        boolean storePrincipals();

        /**
         * How long a relation row is kept after its viewer was last seen, and a daily bucket after its day; older
         * ones are deleted in the background. A viewer whose row was deleted counts as a new unique viewer.
         */
        @WithDefault("90d")
        Duration retention();

        /** How long the retention waits between two rounds of deletes. */
        @WithDefault("1h")
        Duration retentionInterval();

        /**
         * How many relation rows one retention statement looks at, walking the relation's primary key, and so deletes
         * at most (daily buckets: deletes at most), so that no statement runs long.
         */
        @WithDefault("1000")
        int retentionBatchSize();
    }
}
