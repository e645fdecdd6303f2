package io.github.coalesce;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * What a follower does when it has waited its maximum wait, for every form of call: tell the observer, then run its
 * own call ({@code RUN}) or fail with a {@link CoalesceTimeoutException} ({@code FAIL}). The flight goes on for the
 * others either way.
 */
final class MaxWaitRule {

    /** The follower's own execution, in the form of the call it made. */
    @FunctionalInterface
    interface OwnCall<R> {
        R run() throws Exception;
    }

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
     * Runs {@code check} once the maximum wait has passed, off the caller's thread; nothing when there is none. The
     * timer is Mutiny's (as for {@code ifNoItem().after()}): in Quarkus the managed worker pool, never
     * {@code ForkJoinPool.commonPool}; whatever the check runs for the caller it hands to the caller's context.
     */
    static void schedule(FlightOptions options, Runnable check) {
        if (options.maxWait() != null) {
            Infrastructure.getDefaultWorkerPool().schedule(check, options.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** @return where a follower resumes: the context it captured, else wherever its flight completes */
    static Executor resumeIn(CallerContext contexts) {
        Executor captured = contexts.capture();
        return captured != null ? captured : Runnable::run;
    }
}
