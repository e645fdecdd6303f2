package io.github.coalesce;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ViewCounter} aggregates and writes.
 *
 * @param name the counter's name, used in thread names, metrics and the ledger
 * @param flushInterval how often pending views are written
 * @param batchSize how many ids one UPDATE statement (one chunk) carries at most
 * @param maxConcurrentFlushes how many chunks are written at once, each on its own virtual thread
 * @param maxPendingKeys how many ids may wait in memory, pending or in unwritten chunks; views of further ids are
 *        dropped and counted
 * @param cooldown how long a viewer's repeated views of one id count once; zero disables deduplication
 * @param maxCooldownEntries how many (viewer, id) pairs the cooldown remembers at most
 * @param botFilter whether views from crawler User-Agents are ignored
 * @param maxRetries how often a failing chunk is retried at once, with exponential backoff, before it waits for the
 *        next flush
 * @param retryDelay the first backoff delay; it doubles on each retry
 * @param spillFile where pending views go when they cannot be written at shutdown, replayed at the next start;
 *        {@code null} disables spilling
 */
public record ViewCounterOptions(String name, Duration flushInterval, int batchSize, int maxConcurrentFlushes,
        int maxPendingKeys, Duration cooldown, int maxCooldownEntries, boolean botFilter, int maxRetries,
        Duration retryDelay, Path spillFile) {

    public ViewCounterOptions {
        Objects.requireNonNull(name, "name");
        requirePositive(flushInterval, "flushInterval");
        requireAtLeast(batchSize, 1, "batchSize");
        requireAtLeast(maxConcurrentFlushes, 1, "maxConcurrentFlushes");
        requireAtLeast(maxPendingKeys, 1, "maxPendingKeys");
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative: " + cooldown);
        }
        requireAtLeast(maxCooldownEntries, 1, "maxCooldownEntries");
        requireAtLeast(maxRetries, 0, "maxRetries");
        Objects.requireNonNull(retryDelay, "retryDelay");
    }

    /** Defaults matching the extension's configuration defaults, for plain-Java use. */
    public static ViewCounterOptions defaults(String name) {
        return new ViewCounterOptions(name, Duration.ofSeconds(1), 500, 4, 100_000, Duration.ofMinutes(10), 100_000,
                true, 3, Duration.ofMillis(100), null);
    }

    public ViewCounterOptions withFlushInterval(Duration interval) {
        return new ViewCounterOptions(name, interval, batchSize, maxConcurrentFlushes, maxPendingKeys, cooldown,
                maxCooldownEntries, botFilter, maxRetries, retryDelay, spillFile);
    }

    public ViewCounterOptions withBatching(int batchSize, int maxConcurrentFlushes) {
        return new ViewCounterOptions(name, flushInterval, batchSize, maxConcurrentFlushes, maxPendingKeys, cooldown,
                maxCooldownEntries, botFilter, maxRetries, retryDelay, spillFile);
    }

    public ViewCounterOptions withMaxPendingKeys(int maxPendingKeys) {
        return new ViewCounterOptions(name, flushInterval, batchSize, maxConcurrentFlushes, maxPendingKeys, cooldown,
                maxCooldownEntries, botFilter, maxRetries, retryDelay, spillFile);
    }

    public ViewCounterOptions withCooldown(Duration cooldown) {
        return new ViewCounterOptions(name, flushInterval, batchSize, maxConcurrentFlushes, maxPendingKeys, cooldown,
                maxCooldownEntries, botFilter, maxRetries, retryDelay, spillFile);
    }

    public ViewCounterOptions withRetries(int maxRetries, Duration retryDelay) {
        return new ViewCounterOptions(name, flushInterval, batchSize, maxConcurrentFlushes, maxPendingKeys, cooldown,
                maxCooldownEntries, botFilter, maxRetries, retryDelay, spillFile);
    }

    public ViewCounterOptions withSpillFile(Path spillFile) {
        return new ViewCounterOptions(name, flushInterval, batchSize, maxConcurrentFlushes, maxPendingKeys, cooldown,
                maxCooldownEntries, botFilter, maxRetries, retryDelay, spillFile);
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    private static void requireAtLeast(int value, int min, String what) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ": " + value);
        }
    }
}
