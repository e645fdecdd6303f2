package io.github.coalesce.runtime.http;

/**
 * How a flight ended for its followers: with a response they may share, or with the reason they must run the
 * resource method themselves.
 * <p>
 * Internal: not part of the public API.
 */
public sealed interface Outcome {

    /** @param response the leader's response, copied for each follower */
    record Shared(CapturedResponse response) implements Outcome {
    }

    /** @param reason why the leader's response cannot be shared, as it appears in {@code Cache-Status} details */
    record RunAnew(String reason) implements Outcome {
    }
}
