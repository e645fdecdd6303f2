package io.github.coalesce.runtime.views;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewWriter;
import io.github.coalesce.runtime.views.ViewEventCounts.Event;

/**
 * Writes chunks on virtual threads, one per chunk and never pooled, of which a {@link Semaphore} lets at most
 * {@code maxConcurrentFlushes} write at once. A failing write is retried with exponential backoff; a chunk that still
 * fails is queued in {@link UnwrittenChunks} for the next flush. At shutdown a chunk gets a single retry, so that what
 * fails goes to the spill file instead of waiting.
 */
final class BoundedChunkWriter {

    private static final Logger LOG = Logger.getLogger(BoundedChunkWriter.class);

    private final ViewCounterOptions options;
    private final ViewWriter target;
    private final Semaphore permits;
    private final UnwrittenChunks unwritten;
    private final ViewEventCounts counts;
    private final BooleanSupplier closing;
    private final ViewMoves moves;
    /** Writes started and not finished, by any flush: a flush waits for these too. */
    private final Set<CompletableFuture<Void>> inProgress = ConcurrentHashMap.newKeySet();

    BoundedChunkWriter(ViewCounterOptions options, ViewWriter target, UnwrittenChunks unwritten,
            ViewEventCounts counts, BooleanSupplier closing, ViewMoves moves) {
        this.moves = moves;
        this.options = options;
        this.target = target;
        this.permits = new Semaphore(options.maxConcurrentFlushes());
        this.unwritten = unwritten;
        this.counts = counts;
        this.closing = closing;
    }

    /** @return the writes running now or waiting for a permit */
    List<CompletableFuture<Void>> inProgress() {
        return List.copyOf(inProgress);
    }

    /**
     * Starts writing a chunk kept in {@link UnwrittenChunks}.
     *
     * @return completes when the chunk is written, or exceptionally when it is queued for the next flush
     */
    CompletableFuture<Void> start(Chunk chunk) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        inProgress.add(written);
        written.whenComplete((done, failure) -> inProgress.remove(written));
        Thread.ofVirtual().name("coalesce-views-" + options.name() + "-writer").start(() -> write(chunk, written));
        return written;
    }

    private void write(Chunk chunk, CompletableFuture<Void> written) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            unwritten.retryLater(chunk);
            written.completeExceptionally(e);
            return;
        }
        try {
            counts.writerStarted();
            writeWithRetries(chunk);
            written.complete(null);
        } catch (Exception e) {
            unwritten.retryLater(chunk);
            counts.count(Event.FAILED_CHUNKS);
            written.completeExceptionally(e);
        } finally {
            counts.writerFinished();
            permits.release();
        }
    }

    private void writeWithRetries(Chunk chunk) throws Exception {
        for (int attempt = 0;; attempt++) {
            if (attempt(chunk, attempt)) {
                return;
            }
            Thread.sleep(options.retryDelay().toMillis() << Math.min(attempt, 10));
        }
    }

    /** @return {@code true} when written, {@code false} when to be retried after the backoff */
    private boolean attempt(Chunk chunk, int attempt) throws Exception {
        // Until unwritten.written the chunk's views may be in the table and still kept here: a move for readers.
        int[] stripes = moves.writeBegun(chunk.ids());
        try {
            ViewWriter.Written result = target.write(chunk);
            unwritten.written(chunk);
            counts.written(chunk, result);
            return true;
        } catch (Exception e) {
            if (attempt >= options.maxRetries() || (closing.getAsBoolean() && attempt >= 1)) {
                LOG.warnf("View counter %s: chunk %s (%d ids) not written after %d attempts, kept for the next"
                        + " flush: %s", options.name(), chunk.flushId(), chunk.ids().length, attempt + 1, e);
                throw e;
            }
            counts.count(Event.RETRIES);
            if (attempt == 0) {
                LOG.warnf("View counter %s: writing chunk %s failed, retrying with backoff: %s", options.name(),
                        chunk.flushId(), e.toString());
            }
            return false;
        } finally {
            moves.writeEnded(stripes);
        }
    }
}
