package io.github.coalesce;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.coalesce.runtime.views.BotFilter;
import io.github.coalesce.runtime.views.Chunk;
import io.github.coalesce.runtime.views.ChunkWriter;
import io.github.coalesce.runtime.views.PendingViews;
import io.github.coalesce.runtime.views.SpillFile;
import io.github.coalesce.runtime.views.ViewCounterStats;
import io.github.coalesce.runtime.views.ViewCounterStats.Event;

/**
 * Counts views without slowing the request. {@link #record(long)} only adds to an in-memory counter (bot filter,
 * per-viewer cooldown, then a {@code LongAdder} per id); a flush, every {@code flushInterval} or as soon as a full
 * round of chunks is pending, sums the views per id, sorts the ids and writes chunks of {@code batchSize} ids with one
 * {@code UPDATE … FROM unnest(…)} each, on virtual threads of which at most {@code maxConcurrentFlushes} write at once.
 * <p>
 * A chunk that fails is retried with exponential backoff, then kept, with its flush id, for the next flush; a ledger
 * row written in the chunk's transaction makes the retry of a chunk that did commit a no-op. {@link #close()} writes
 * what is pending, and spills what cannot be written to a file replayed by the next start.
 */
public class ViewCounter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ViewCounter.class);

    /** Who is viewing: the principal or client address (for the cooldown) and the User-Agent (for the bot filter). */
    public record Viewer(String id, String userAgent) {
    }

    private record SeenKey(String viewer, long id) {
    }

    private final ViewCounterOptions options;
    private final ChunkWriter writer;
    private final Supplier<Viewer> viewers;
    private final PendingViews pending;
    private final Cache<SeenKey, Boolean> seen;
    private final Semaphore writePermits;
    /**
     * Chunks taken from the pending map and not written yet, with the {@link System#nanoTime()} of the oldest view
     * each holds (for the health check: an outage makes them old while the pending map stays young).
     */
    private final Map<Chunk, Long> unwritten = new ConcurrentHashMap<>();
    /** Ids in {@link #unwritten} chunks: they count against {@code maxPendingKeys} too, or an outage grows memory. */
    private final AtomicInteger unwrittenIds = new AtomicInteger();
    private final Queue<Chunk> retryFirst = new ConcurrentLinkedQueue<>();
    /** Writes started and not finished, by any flush: a flush waits for these too. */
    private final Set<CompletableFuture<Void>> writesInProgress = ConcurrentHashMap.newKeySet();
    private final ViewCounterStats stats = new ViewCounterStats();
    private final ScheduledExecutorService timer;
    private final AtomicBoolean flushRequested = new AtomicBoolean();
    private final int flushThreshold;
    private final SpillFile spillFile;
    private volatile boolean closed;

    /** For client proxies only. */
    protected ViewCounter() {
        options = null;
        writer = null;
        viewers = null;
        pending = null;
        seen = null;
        writePermits = null;
        timer = null;
        flushThreshold = 0;
        spillFile = null;
    }

    /**
     * Starts a counter: replays its spill file, if any, and schedules the periodic flush.
     *
     * @param viewers the viewer of the current request, or {@code null} outside a request
     */
    public ViewCounter(ViewCounterOptions options, ChunkWriter writer, Supplier<Viewer> viewers) {
        this.options = options;
        this.writer = writer;
        this.viewers = viewers;
        this.pending = new PendingViews();
        this.seen = options.cooldown().isZero() ? null
                : Caffeine.newBuilder().expireAfterWrite(options.cooldown())
                        .maximumSize(options.maxCooldownEntries()).build();
        this.writePermits = new Semaphore(options.maxConcurrentFlushes());
        this.flushThreshold = (int) Math.min(options.maxPendingKeys(),
                (long) options.batchSize() * options.maxConcurrentFlushes());
        this.spillFile = options.spillFile() == null ? null : new SpillFile(options.spillFile());
        if (spillFile != null) {
            List<Chunk> replayed = spillFile.takeAll();
            if (!replayed.isEmpty()) {
                LOG.infof("View counter %s: replaying %d chunks from %s", options.name(), replayed.size(),
                        spillFile.path());
                stats.count(Event.SPILL_REPLAYS, replayed.size());
                long now = System.nanoTime();
                replayed.forEach(chunk -> keepUnwritten(chunk, now));
                retryFirst.addAll(replayed);
            }
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("coalesce-views-" + options.name() + "-timer").factory());
        long interval = options.flushInterval().toNanos();
        timer.scheduleWithFixedDelay(this::flushQuietly, interval, interval, TimeUnit.NANOSECONDS);
    }

    /**
     * Records one view of {@code id}. Never blocks, never does I/O, never throws: a view that cannot be kept (bot,
     * repeated within the cooldown, too many pending ids, counter closed) is dropped and counted.
     */
    public void record(long id) {
        try {
            Viewer viewer = viewers.get();
            if (viewer != null) {
                if (options.botFilter() && BotFilter.isBot(viewer.userAgent())) {
                    stats.count(Event.BOT_FILTERED);
                    return;
                }
                if (seen != null && viewer.id() != null
                        && seen.asMap().putIfAbsent(new SeenKey(viewer.id(), id), Boolean.TRUE) != null) {
                    stats.count(Event.DEDUPLICATED);
                    return;
                }
            }
            if (closed || !pending.add(id, options.maxPendingKeys() - unwrittenIds.get())) {
                stats.count(Event.DROPPED_PENDING_FULL);
                requestFlush();
                return;
            }
            stats.count(Event.RECORDED);
            if (pending.size() >= flushThreshold) {
                requestFlush();
            }
        } catch (RuntimeException e) {
            // The request must not fail because of a view. Debug level: a line per request would flood the log.
            LOG.debugf(e, "View counter %s could not record a view of %d", options.name(), id);
        }
    }

    /** @return views of {@code id} recorded but not yet written (pending, being written, or waiting for a retry) */
    public long pending(long id) {
        long count = pending.pending(id);
        for (Chunk chunk : unwritten.keySet()) {
            count += chunk.countOf(id);
        }
        return count;
    }

    /**
     * Writes everything pending now, and retries the chunks that failed before.
     *
     * @return completes when every chunk is written — this flush's and those an earlier flush is still writing — or
     *         exceptionally when some could not be (they are kept for the next flush)
     */
    public CompletionStage<Void> flush() {
        long started = System.nanoTime();
        stats.count(Event.FLUSHES);
        flushRequested.set(false);
        List<CompletableFuture<Void>> writes;
        // One flush at a time takes what is pending and registers its writes, so that a flush called while another
        // (say, a threshold flush) is between draining and starting its writes still waits for those writes.
        synchronized (writesInProgress) {
            List<Chunk> chunks = new ArrayList<>();
            for (Chunk retry; (retry = retryFirst.poll()) != null;) {
                chunks.add(retry);
            }
            long oldestView = System.nanoTime() - pending.oldestAgeNanos();
            // The ids being drained count against max-pending-keys until their chunks do: between the swap and
            // keepUnwritten they are in neither, and recorders would otherwise admit up to max-pending-keys more.
            int draining = pending.size();
            unwrittenIds.addAndGet(draining);
            try {
                List<Chunk> fresh = chunksOf(pending.drain());
                fresh.forEach(chunk -> keepUnwritten(chunk, oldestView));
                chunks.addAll(fresh);
            } finally {
                unwrittenIds.addAndGet(-draining);
            }
            writes = new ArrayList<>(writesInProgress);
            chunks.stream().map(this::writeOnVirtualThread).forEach(writes::add);
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            stats.flushCompleted(System.nanoTime() - started, failure == null);
        });
    }

    /** @return what this counter has done so far */
    public ViewCounterStats stats() {
        return stats;
    }

    /** @return this counter's options */
    public ViewCounterOptions options() {
        return options;
    }

    /** @return how many distinct ids are pending */
    public int pendingIds() {
        return pending.size();
    }

    /** @return nanoseconds since the oldest view still pending or unwritten was recorded (0 when none) */
    public long oldestPendingAgeNanos() {
        long oldest = pending.oldestAgeNanos();
        long now = System.nanoTime();
        for (long since : unwritten.values()) {
            oldest = Math.max(oldest, now - since);
        }
        return oldest;
    }

    /**
     * Stops the timer and writes everything pending; what still cannot be written within {@code timeout} goes to the
     * spill file (when configured) for the next start.
     */
    public void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        try {
            flush().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // A second round picks up views recorded during the first one.
            flush().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("View counter %s could not write everything at shutdown: %s", options.name(), e.toString());
        }
        List<Chunk> left = new ArrayList<>(unwritten.keySet());
        left.addAll(chunksOf(pending.drain()));
        if (left.isEmpty()) {
            return;
        }
        long views = left.stream().mapToLong(Chunk::views).sum();
        if (spillFile == null) {
            LOG.errorf("View counter %s lost %d views at shutdown (no spill file configured)", options.name(), views);
            return;
        }
        spillFile.write(left);
        stats.count(Event.SPILL_WRITES, left.size());
        LOG.warnf("View counter %s: %d views in %d chunks spilled to %s, replayed at the next start", options.name(),
                views, left.size(), spillFile.path());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private void keepUnwritten(Chunk chunk, long oldestViewNanos) {
        unwritten.put(chunk, oldestViewNanos);
        unwrittenIds.addAndGet(chunk.ids().length);
    }

    private void requestFlush() {
        if (!closed && flushRequested.compareAndSet(false, true)) {
            timer.execute(this::flushQuietly);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.errorf(e, "View counter %s: flush failed", options.name());
        }
    }

    private List<Chunk> chunksOf(Map<Long, Long> totals) {
        long[] ids = totals.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        List<Chunk> chunks = new ArrayList<>();
        for (int from = 0; from < ids.length; from += options.batchSize()) {
            long[] chunkIds = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + options.batchSize()));
            long[] counts = new long[chunkIds.length];
            for (int i = 0; i < chunkIds.length; i++) {
                counts[i] = totals.get(chunkIds[i]);
            }
            chunks.add(new Chunk(UUID.randomUUID(), chunkIds, counts));
        }
        return chunks;
    }

    /** Virtual threads are never pooled: one per chunk, and the semaphore bounds how many write at once. */
    private CompletableFuture<Void> writeOnVirtualThread(Chunk chunk) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        writesInProgress.add(written);
        written.whenComplete((done, failure) -> writesInProgress.remove(written));
        Thread.ofVirtual().name("coalesce-views-" + options.name() + "-writer").start(() -> {
            try {
                writePermits.acquire();
            } catch (InterruptedException e) {
                retryFirst.add(chunk);
                written.completeExceptionally(e);
                return;
            }
            try {
                stats.writerStarted();
                writeWithRetries(chunk);
                written.complete(null);
            } catch (Exception e) {
                retryFirst.add(chunk);
                stats.count(Event.FAILED_CHUNKS);
                written.completeExceptionally(e);
            } finally {
                stats.writerFinished();
                writePermits.release();
            }
        });
        return written;
    }

    private void writeWithRetries(Chunk chunk) throws Exception {
        for (int attempt = 0;; attempt++) {
            try {
                ChunkWriter.Written result = writer.write(chunk);
                if (unwritten.remove(chunk) != null) {
                    unwrittenIds.addAndGet(-chunk.ids().length);
                }
                stats.written(chunk, result);
                return;
            } catch (Exception e) {
                if (attempt >= options.maxRetries() || closedAndOutOfTime(attempt)) {
                    LOG.warnf("View counter %s: chunk %s (%d ids) not written after %d attempts, kept for the next"
                            + " flush: %s", options.name(), chunk.flushId(), chunk.ids().length, attempt + 1, e);
                    throw e;
                }
                stats.count(Event.RETRIES);
                if (attempt == 0) {
                    LOG.warnf("View counter %s: writing chunk %s failed, retrying with backoff: %s", options.name(),
                            chunk.flushId(), e.toString());
                }
                Thread.sleep(options.retryDelay().toMillis() << Math.min(attempt, 10));
            }
        }
    }

    /** At shutdown a single attempt per chunk: what fails goes to the spill file instead of waiting. */
    private boolean closedAndOutOfTime(int attempt) {
        return closed && attempt >= 1;
    }
}
