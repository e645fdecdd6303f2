package io.github.coalesce.runtime.views;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

/**
 * When a counter flushes: every {@code flushInterval}, and as soon as asked (the pending threshold was reached), on
 * one timer thread of its own. Requests made while one is already queued are folded into it, so a burst of recorders
 * crossing the threshold starts one flush, not one each.
 */
final class FlushSchedule implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FlushSchedule.class);

    private final String name;
    private final Runnable flush;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param name the counter's name, for the thread and the log
     * @param interval how often {@code flush} runs on its own
     * @param flush what to run
     */
    FlushSchedule(String name, Duration interval, Runnable flush) {
        this.name = name;
        this.flush = flush;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("coalesce-views-" + name + "-timer").factory());
        long nanos = interval.toNanos();
        timer.scheduleWithFixedDelay(this::flushQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Runs a flush soon on the timer thread, unless one is already queued or the schedule is closed. */
    void request() {
        if (!closed && requested.compareAndSet(false, true)) {
            timer.execute(this::flushQuietly);
        }
    }

    /** Called by every flush as it starts: a request made from now on asks for another one. */
    void flushStarted() {
        requested.set(false);
    }

    private void flushQuietly() {
        try {
            flush.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "View counter %s: flush failed", name);
        }
    }

    /** Stops the timer; a flush running now is interrupted. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }
}
