package io.github.coalesce;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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

    /** Runs {@code check} once the maximum wait has passed, off the caller's thread; nothing when there is none. */
    static void schedule(FlightOptions options, Runnable check) {
        if (options.maxWait() != null) {
            CompletableFuture.delayedExecutor(options.maxWait().toNanos(), TimeUnit.NANOSECONDS).execute(check);
        }
    }
}
