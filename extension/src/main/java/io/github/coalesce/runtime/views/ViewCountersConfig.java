package io.github.coalesce.runtime.views;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocDefault;
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

        /** How often a failing chunk is retried, with exponential backoff, before it waits for the next flush. */
        @WithDefault("3")
        int maxRetries();

        /** The first backoff delay of a failing chunk; it doubles on each retry. */
        @WithDefault("100ms")
        Duration retryDelay();

        /** How long one statement may run before the chunk counts as failed and is retried. */
        @WithDefault("10s")
        Duration statementTimeout();

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
    }
}
