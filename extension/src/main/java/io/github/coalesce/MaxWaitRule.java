package io.github.coalesce;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * What a follower does when it has waited its maximum wait, for every form of call: tell the observer, then run its
 * own call ({@code RUN}) or fail with a {@link CoalesceTimeoutException} ({@code FAIL}). The flight goes on for the
 * others either way.
 */
final class MaxWaitRule {

    /**
     * The max-wait checks' own thread. Never a pooled worker: with every worker parked in a follower's
     * {@code await()}, a check queued behind them could not free any of them. A check only settles its caller and
     * hands off, so one thread serves all.
     */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "coalesce-max-wait");
        thread.setDaemon(true);
        return thread;
    });

    /** The follower's own execution, in the form of the call it made. */
    @FunctionalInterface
    interface OwnCall<R> {
        R run() throws Exception;
    }

    /** No context to return to: run where the flight completes. */
    private static final Executor INLINE = Runnable::run;

    private MaxWaitRule() {
    }

    /**
     * Applies the rule to a follower whose maximum wait expired.
     *
     * @param runOwn runs the follower's own call (RUN)
     * @param fail turns the timeout into the follower's outcome (FAIL)
     * @return what {@code runOwn} or {@code fail} returned
     */
    static <R> R expired(Object key, FlightOptions options, OwnCall<R> runOwn,
            Function<CoalesceTimeoutException, R> fail) throws Exception {
        options.observer().onMaxWait(key);
        return options.runOnMaxWait() ? runOwn.run() : fail.apply(new CoalesceTimeoutException(key, options.maxWait()));
    }

    /**
     * Runs {@code check} once the maximum wait has passed, on the rule's own timer thread; nothing when there is
     * none. The check must only settle the follower and hand what it runs to {@link #escapeIn}.
     */
    static void schedule(FlightOptions options, Runnable check) {
        if (options.maxWait() != null) {
            TIMER.schedule(check, options.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** @return where a follower resumes: the context it captured, else wherever its flight completes */
    static Executor resumeIn(CallerContext contexts) {
        Executor captured = contexts.capture();
        return captured != null ? captured : INLINE;
    }

    /**
     * @param resume what {@link #resumeIn} returned
     * @return where a follower's own call after its max wait runs: its context, else Mutiny's worker pool (never
     *         the timer thread, which the other followers' checks need)
     */
    static Executor escapeIn(Executor resume) {
        return resume != INLINE ? resume : Infrastructure.getDefaultWorkerPool();
    }
}
