package io.github.coalesce;

/**
 * The outcome of a coalesced call together with how it was shared, as Go's {@code singleflight} reports it: returned
 * by {@link Coalescer#executeShared}, {@link Coalescer#executeSharedUni} and {@link Coalescer#executeSharedAsync}.
 *
 * @param value the call's result, the same instance for every caller of one execution
 * @param led {@code true} when this caller's own call ran: it led the flight, or it was a follower that waited its
 *        maximum wait and ran its own call ({@code onMaxWait = RUN}); {@code false} when it joined a running flight
 *        and received that flight's result
 * @param callers how many callers the execution served: the leader plus every follower that joined its flight before
 *        the call ended, counted once the flight has closed (so every caller of one execution sees the same number,
 *        the same one the {@code coalesce.fan.in} distribution records). Followers that joined and then stopped
 *        waiting (maximum wait, cancellation) are counted, since the execution ran for them too. A follower that ran
 *        its own call after its maximum wait gets {@code 1}.
 * @param <T> the type of the value
 */
public record Shared<T>(T value, boolean led, int callers) {

    /** @return whether the execution served more than this caller (Go's {@code shared} result) */
    public boolean shared() {
        return callers > 1;
    }

    /** @return whether this caller joined a running flight instead of running its own call */
    public boolean joined() {
        return !led;
    }

    static <T> Shared<T> alone(T value) {
        return new Shared<>(value, true, 1);
    }
}
