package io.github.coalesce.runtime.views;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewCounterStats;
import io.github.coalesce.ViewWriter;
import io.github.coalesce.runtime.views.ViewEventCounts.Event;

/**
 * The view-counter engine, plain Java: {@link ViewAdmission} decides whether a view counts, {@link PendingViews}
 * holds it, a flush ({@link FlushSchedule}) splits what is pending into sorted {@link Chunk}s, kept in
 * {@link UnwrittenChunks} until {@link BoundedChunkWriter} has written them, and {@link SpillFile} keeps what is left
 * at shutdown for the next start.
 * <p>
 * With the viewer relation on (a {@code storedViewer} function given), a counted view is kept per (id, viewer) pair in
 * {@link ViewerPairs} instead, and each chunk of pairs is written by one transaction that also decides, in the
 * database, which views count ({@link ViewerChunkWriter}); pairs count against {@code maxPendingKeys} as ids do.
 * <p>
 * Internal: not part of the public API.
 */
public final class BatchingViewCounter implements ViewCounter {

    private static final Logger LOG = Logger.getLogger(BatchingViewCounter.class);

    private final ViewCounterOptions options;
    private final Supplier<Viewer> viewers;
    private final ViewAdmission admission;
    private final PendingViews pending = new PendingViews();
    private final UnwrittenChunks unwritten = new UnwrittenChunks();
    private final ViewEventCounts counts = new ViewEventCounts();
    private final ViewMoves moves = new ViewMoves();
    private final ConsistentSum sums;
    private final BoundedChunkWriter writer;
    private final SpillFile spillFile;
    private final FlushSchedule schedule;
    /** A full round of chunks: reaching it flushes without waiting for the interval. */
    private final int flushThreshold;
    /** One flush at a time takes what is pending and starts its writes. */
    private final Object flushing = new Object();
    /** The viewer relation's pending pairs; {@code null} when it is off. */
    private final ViewerPairs pairs;
    private final UnaryOperator<String> storedViewer;
    private volatile boolean closed;

    /**
     * Starts a counter: replays its spill file, if any, and schedules the periodic flush.
     *
     * @param options how it aggregates and writes
     * @param target where it writes
     * @param viewers the viewer of the current request, or {@code null} outside one
     */
    public BatchingViewCounter(ViewCounterOptions options, ViewWriter target, Supplier<Viewer> viewers) {
        this(options, target, viewers, null);
    }

    /**
     * Starts a counter, with the viewer relation on when {@code storedViewer} is given ({@code target} then writes
     * chunks of pairs, see {@link ViewerChunkWriter}).
     *
     * @param options how it aggregates and writes
     * @param target where it writes
     * @param viewers the viewer of the current request, or {@code null} outside one
     * @param storedViewer turns a viewer into what the relation stores (its keyed hash), or {@code null}
     */
    public BatchingViewCounter(ViewCounterOptions options, ViewWriter target, Supplier<Viewer> viewers,
            UnaryOperator<String> storedViewer) {
        this.options = options;
        this.viewers = viewers;
        this.admission = new ViewAdmission(options);
        this.sums = new ConsistentSum(options.name(), moves, id -> pending.pending(id) + unwritten.views(id));
        this.pairs = storedViewer == null ? null : new ViewerPairs();
        this.storedViewer = storedViewer;
        this.writer = new BoundedChunkWriter(options, target, unwritten, counts, () -> closed, moves);
        this.flushThreshold = (int) Math.min(options.maxPendingKeys(),
                (long) options.batchSize() * options.maxConcurrentFlushes());
        this.spillFile = options.spillFile() == null ? null : new SpillFile(options.spillFile());
        if (spillFile != null) {
            replay(spillFile.takeAll());
        }
        this.schedule = new FlushSchedule(options.name(), options.flushInterval(), this::flush);
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public void record(long id) {
        try {
            Viewer viewer = viewers.get();
            switch (admission.admit(viewer, id)) {
                case BOT -> counts.count(Event.BOT_FILTERED);
                case REPEATED -> counts.count(Event.DEDUPLICATED);
                case COUNTED -> {
                    if (pairs == null) {
                        keep(id);
                    } else {
                        keepPair(id, viewer);
                    }
                }
            }
        } catch (RuntimeException e) {
            // The request must not fail because of a view. Debug level: a line per request would flood the log.
            LOG.debugf(e, "View counter %s could not record a view of %d", options.name(), id);
        }
    }

    private void keep(long id) {
        if (closed || !pending.add(id, options.maxPendingKeys() - unwritten.ids())) {
            counts.count(Event.DROPPED_PENDING_FULL);
            schedule.request();
            return;
        }
        counts.count(Event.RECORDED);
        if (pending.size() >= flushThreshold) {
            schedule.request();
        }
    }

    /** The relation's {@link #keep}: the pair, and the id for {@link #pending(long)} (never written from there). */
    private void keepPair(long id, Viewer viewer) {
        int room = options.maxPendingKeys() - unwritten.ids();
        if (closed || !pairs.add(id, viewer == null ? null : viewer.id(), System.currentTimeMillis() * 1000, room)) {
            counts.count(Event.DROPPED_PAIRS_FULL);
            schedule.request();
            return;
        }
        pending.add(id, Integer.MAX_VALUE);
        counts.count(Event.RECORDED);
        if (pairs.size() >= flushThreshold) {
            schedule.request();
        }
    }

    /**
     * Counts rows the viewer relation's retention deleted.
     *
     * @param rows how many
     */
    public void retentionDeleted(long rows) {
        counts.count(Event.RETENTION_DELETED, rows);
    }

    @Override
    public long pending(long id) {
        return sums.of(id, () -> 0, false);
    }

    @Override
    public long withPending(long id, LongSupplier storedRead) {
        return sums.of(id, storedRead, true);
    }

    @Override
    public CompletionStage<Void> flush() {
        long started = System.nanoTime();
        counts.count(Event.FLUSHES);
        schedule.flushStarted();
        List<CompletableFuture<Void>> writes;
        // A flush called while another (say, a threshold flush) is between draining and starting its writes still
        // waits for those writes.
        synchronized (flushing) {
            List<Chunk> chunks = unwritten.takeRetries();
            long oldestView = System.nanoTime() - Math.max(pending.oldestAgeNanos(), pairsAgeNanos());
            // What the drain moves into chunks stays counted against the bound while it moves: ids, or pairs.
            int draining = pairs == null ? pending.size() : pairs.size();
            unwritten.reserve(draining);
            moves.drainBegun();
            try {
                List<Chunk> fresh = drainChunks();
                fresh.forEach(chunk -> unwritten.keep(chunk, oldestView));
                chunks.addAll(fresh);
            } finally {
                moves.drainEnded();
                unwritten.released(draining);
            }
            writes = new ArrayList<>(writer.inProgress());
            chunks.stream().map(writer::start).forEach(writes::add);
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .whenComplete((done, failure) -> counts.flushCompleted(System.nanoTime() - started, failure == null));
    }

    @Override
    public ViewCounterStats stats() {
        return counts.snapshot(pending.size(), oldestPendingAgeNanos(), pairs == null ? 0 : pairs.size());
    }

    @Override
    public ViewCounterOptions options() {
        return options;
    }

    /** @return nanoseconds since the oldest view still pending or unwritten was recorded (0 when none) */
    long oldestPendingAgeNanos() {
        return Math.max(Math.max(pending.oldestAgeNanos(), pairsAgeNanos()),
                unwritten.oldestAgeNanos(System.nanoTime()));
    }

    private long pairsAgeNanos() {
        return pairs == null ? 0 : pairs.oldestAgeNanos();
    }

    /** With the relation on, the per-id views only served {@link #pending(long)}: the pairs are what is written. */
    private List<Chunk> drainChunks() {
        Map<Long, Long> ids = pending.drain();
        return pairs == null ? Chunk.split(ids, options.batchSize()) : pairs.drain(options.batchSize(), storedViewer);
    }

    /**
     * Sends the duration of every completed flush to {@code sink} (a Micrometer timer); the last one set wins.
     *
     * @param sink receives nanoseconds
     */
    public void observeFlushDurations(LongConsumer sink) {
        counts.observeFlushDurations(sink);
    }

    @Override
    public void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        schedule.close();
        try {
            flush().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // A second round picks up views recorded during the first one.
            flush().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("View counter %s could not write everything at shutdown: %s", options.name(), e.toString());
        }
        spill();
    }

    private void replay(List<Chunk> replayed) {
        if (replayed.isEmpty()) {
            return;
        }
        LOG.infof("View counter %s: replaying %d chunks from %s", options.name(), replayed.size(), spillFile.path());
        counts.count(Event.SPILL_REPLAYS, replayed.size());
        long now = System.nanoTime();
        for (Chunk chunk : replayed) {
            unwritten.keep(chunk, now);
            unwritten.retryLater(chunk);
        }
    }

    private void spill() {
        List<Chunk> left = unwritten.all();
        left.addAll(drainChunks());
        if (left.isEmpty()) {
            return;
        }
        long views = left.stream().mapToLong(Chunk::views).sum();
        if (spillFile == null) {
            LOG.errorf("View counter %s lost %d views at shutdown (no spill file configured)", options.name(), views);
            return;
        }
        spillFile.write(left);
        counts.count(Event.SPILL_WRITES, left.size());
        LOG.warnf("View counter %s: %d views in %d chunks spilled to %s, replayed at the next start", options.name(),
                views, left.size(), spillFile.path());
    }
}
