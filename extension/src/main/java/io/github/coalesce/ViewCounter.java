package io.github.coalesce;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Counts views without slowing the request: {@link #record(long)} only adds to memory (after a bot filter and a
 * per-viewer cooldown); a flush, every {@code flushInterval} or as soon as a full round of chunks is pending, writes
 * the summed views per id in chunks of {@code batchSize} sorted ids, one statement each, on virtual threads of which
 * at most {@code maxConcurrentFlushes} write at once. A chunk that fails is retried, then kept for the next flush; a
 * ledger makes the retry of a chunk that did commit a no-op. {@link #close()} writes what is pending and spills what
 * cannot be written to a file replayed at the next start.
 * <p>
 * In a Quarkus application inject it (the default counter, or {@code @Identifier("name")} for a named one) and
 * configure it under {@code quarkus.coalesce.view-counter.*}. In plain Java, build one with {@link #builder(String)}.
 */
public interface ViewCounter extends AutoCloseable {

    /**
     * Who is viewing.
     *
     * @param id the signed-in reader or the client address as {@link Viewers} forms them ({@code user:<name>},
     *        {@code address:<host>}), for the cooldown and the viewer relation; {@code null} when unknown or not needed
     * @param userAgent the User-Agent, for the bot filter; {@code null} when absent
     */
    record Viewer(String id, String userAgent) {
    }

    /**
     * Starts building a counter for plain-Java use (no Quarkus), with the default options.
     *
     * @param name the counter's name, used in thread names, logs and the ledger
     * @return a builder; set where the views go ({@link ViewCounterBuilder#dataSource} and
     *         {@link ViewCounterBuilder#table}, or {@link ViewCounterBuilder#writer}) before {@code build()}
     */
    static ViewCounterBuilder builder(String name) {
        return new ViewCounterBuilder(ViewCounterOptions.defaults(name));
    }

    /**
     * Starts building a counter for plain-Java use (no Quarkus).
     *
     * @param options how the counter aggregates and writes
     * @return a builder; set where the views go before {@code build()}
     */
    static ViewCounterBuilder builder(ViewCounterOptions options) {
        return new ViewCounterBuilder(options);
    }

    /** @return the counter's name ({@code <default>} for the unnamed counter of a Quarkus application) */
    String name();

    /**
     * Records one view of {@code id}. Never blocks, never does I/O, never throws: a view that cannot be kept (bot,
     * repeated within the cooldown, too many pending ids, counter closed) is dropped and counted in {@link #stats()}.
     *
     * @param id the id of the row whose count column the view increments
     */
    void record(long id);

    /**
     * @param id the id of a row
     * @return views of {@code id} recorded but not written yet (pending, being written, or waiting for a retry)
     */
    long pending(long id);

    /**
     * Adds the views pending for {@code id} to a count read from the table, for a page that shows every view so far.
     * Reading the table and then {@link #pending(long)} is two reads: a chunk that commits between them has moved its
     * views into the table after it was read, and the sum misses them. This repeats both reads (at once, a few times at
     * most) until no flush moved views of {@code id} while they ran. It never waits for a write: when every attempt
     * overlapped one (a slow database), it shows the largest consistent count it gave for {@code id} lately, so that a
     * reload never shows fewer views than before, at the price of leaving out the newest ones for that moment.
     *
     * @param id the id of a row
     * @param storedRead reads the row's count column afresh (may run more than once; not from a cache or a
     *        transaction's snapshot, which a repeat would not refresh). A failure of its first run reaches the
     *        caller; a failure of a repeat (the database went away after the first read) does not, and the answer is
     *        then the one for a read that overlapped a write, so a page whose read succeeded is served.
     * @return the stored count plus the views pending
     */
    long withPending(long id, LongSupplier storedRead);

    /**
     * Writes everything pending now, and retries the chunks that failed before.
     *
     * @return completes when every chunk is written — this flush's and those an earlier flush is still writing — or
     *         exceptionally when some could not be (they are kept for the next flush)
     */
    CompletionStage<Void> flush();

    /** @return an immutable snapshot of what this counter has done so far */
    ViewCounterStats stats();

    /** @return how this counter aggregates and writes */
    ViewCounterOptions options();

    /**
     * Stops the periodic flush and writes everything pending; what still cannot be written within {@code timeout}
     * goes to the spill file (when configured) for the next start. Views recorded afterwards are dropped.
     *
     * @param timeout how long to wait for the last writes
     */
    void close(Duration timeout);

    /** Closes with a ten-second timeout, see {@link #close(Duration)}. */
    @Override
    default void close() {
        close(Duration.ofSeconds(10));
    }
}
