package io.github.coalesce;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ViewCounter} aggregates and writes. Build with {@link #builder(String)}; the defaults match the
 * extension's configuration defaults. Invalid values fail with an {@link IllegalArgumentException} whose message
 * starts with the option's name (e.g. {@code batchSize must be at least 1, but is 0}).
 *
 * @param name the counter's name, used in thread names, metrics and the ledger
 * @param flushInterval how often pending views are written
 * @param batchSize how many ids one statement (one chunk) carries at most
 * @param maxConcurrentFlushes how many chunks are written at once, each on its own virtual thread
 * @param maxPendingKeys how many ids may wait in memory, pending or in unwritten chunks; views of further ids are
 *        dropped and counted
 * @param cooldown how long a viewer's repeated views of one id count once; zero disables deduplication
 * @param maxCooldownEntries how many (viewer, id) pairs the cooldown remembers at most
 * @param botFilter whether views from crawler User-Agents are ignored
 * @param viewerFilter what decides that a viewer is a bot when {@code botFilter} is on; {@code null} is the
 *        built-in filter with its defaults (the crawler list, the generic rules, generic HTTP clients as bots)
 * @param maxRetries how often a failing chunk is retried at once, with exponential backoff, before it waits for the
 *        next flush
 * @param retryDelay the first backoff delay; it doubles on each retry
 * @param spillFile where pending views go when they cannot be written at shutdown, replayed at the next start;
 *        {@code null} disables spilling
 */
public record ViewCounterOptions(String name, Duration flushInterval, int batchSize, int maxConcurrentFlushes,
        int maxPendingKeys, Duration cooldown, int maxCooldownEntries, boolean botFilter, ViewerFilter viewerFilter,
        int maxRetries, Duration retryDelay, Path spillFile) {

    /** The one place the options are checked; the extension turns the option's name into its property's name. */
    public ViewCounterOptions {
        Objects.requireNonNull(name, "name");
        positive(flushInterval, "flushInterval");
        atLeast(batchSize, 1, "batchSize");
        atLeast(maxConcurrentFlushes, 1, "maxConcurrentFlushes");
        atLeast(maxPendingKeys, 1, "maxPendingKeys");
        if (cooldown == null || cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative, but is " + cooldown);
        }
        atLeast(maxCooldownEntries, 1, "maxCooldownEntries");
        atLeast(maxRetries, 0, "maxRetries");
        if (retryDelay == null || retryDelay.isNegative()) {
            throw new IllegalArgumentException("retryDelay must not be negative, but is " + retryDelay);
        }
    }

    /**
     * @param name the counter's name
     * @return the default options: flush every second in chunks of 500 ids, 4 writers, 100 000 pending ids, a
     *         10-minute cooldown over 100 000 pairs, the bot filter on, 3 retries from 100 ms, no spill file
     */
    public static ViewCounterOptions defaults(String name) {
        return builder(name).build();
    }

    /**
     * @param name the counter's name
     * @return a builder starting from the defaults
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        Builder builder = new Builder(name);
        builder.flushInterval = flushInterval;
        builder.batchSize = batchSize;
        builder.maxConcurrentFlushes = maxConcurrentFlushes;
        builder.maxPendingKeys = maxPendingKeys;
        builder.cooldown = cooldown;
        builder.maxCooldownEntries = maxCooldownEntries;
        builder.botFilter = botFilter;
        builder.viewerFilter = viewerFilter;
        builder.maxRetries = maxRetries;
        builder.retryDelay = retryDelay;
        builder.spillFile = spillFile;
        return builder;
    }

    /** Collects options; {@link #build()} checks them. Each setter is named after the record component it sets. */
    public static final class Builder {

        private final String name;
        private Duration flushInterval = Duration.ofSeconds(1);
        private int batchSize = 500;
        private int maxConcurrentFlushes = 4;
        private int maxPendingKeys = 100_000;
        private Duration cooldown = Duration.ofMinutes(10);
        private int maxCooldownEntries = 100_000;
        private boolean botFilter = true;
        private ViewerFilter viewerFilter;
        private int maxRetries = 3;
        private Duration retryDelay = Duration.ofMillis(100);
        private Path spillFile;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param flushInterval how often pending views are written
         * @return this builder
         */
        public Builder flushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
            return this;
        }

        /**
         * @param batchSize how many ids one statement carries at most
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param maxConcurrentFlushes how many chunks are written at once
         * @return this builder
         */
        public Builder maxConcurrentFlushes(int maxConcurrentFlushes) {
            this.maxConcurrentFlushes = maxConcurrentFlushes;
            return this;
        }

        /**
         * @param maxPendingKeys how many ids may wait in memory
         * @return this builder
         */
        public Builder maxPendingKeys(int maxPendingKeys) {
            this.maxPendingKeys = maxPendingKeys;
            return this;
        }

        /**
         * @param cooldown how long a viewer's repeated views of one id count once; zero disables deduplication
         * @return this builder
         */
        public Builder cooldown(Duration cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /**
         * @param maxCooldownEntries how many (viewer, id) pairs the cooldown remembers at most
         * @return this builder
         */
        public Builder maxCooldownEntries(int maxCooldownEntries) {
            this.maxCooldownEntries = maxCooldownEntries;
            return this;
        }

        /**
         * @param botFilter whether views from crawler User-Agents are ignored
         * @return this builder
         */
        public Builder botFilter(boolean botFilter) {
            this.botFilter = botFilter;
            return this;
        }

        /**
         * @param viewerFilter what decides that a viewer is a bot; {@code null} for the built-in filter
         * @return this builder
         */
        public Builder viewerFilter(ViewerFilter viewerFilter) {
            this.viewerFilter = viewerFilter;
            return this;
        }

        /**
         * @param maxRetries how often a failing chunk is retried before it waits for the next flush
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * @param retryDelay the first backoff delay; it doubles on each retry
         * @return this builder
         */
        public Builder retryDelay(Duration retryDelay) {
            this.retryDelay = retryDelay;
            return this;
        }

        /**
         * @param spillFile where views that cannot be written at shutdown go; {@code null} disables spilling
         * @return this builder
         */
        public Builder spillFile(Path spillFile) {
            this.spillFile = spillFile;
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException naming the first invalid option
         */
        public ViewCounterOptions build() {
            return new ViewCounterOptions(name, flushInterval, batchSize, maxConcurrentFlushes, maxPendingKeys,
                    cooldown, maxCooldownEntries, botFilter, viewerFilter, maxRetries, retryDelay, spillFile);
        }
    }

    private static void positive(Duration value, String option) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(option + " must be positive, but is " + value);
        }
    }

    private static void atLeast(int value, int min, String option) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", but is " + value);
        }
    }
}
