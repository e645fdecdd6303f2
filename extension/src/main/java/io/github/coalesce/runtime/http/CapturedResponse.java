package io.github.coalesce.runtime.http;

import java.util.List;
import java.util.Map;

/**
 * The leader's response as followers receive it: the status, the headers that may be copied and the body, never
 * changed once built. Each follower gets its own copy of the body, so that nothing downstream can alter what another
 * follower is sent (Souin#704: pooled buffers shared between responses corrupted bodies).
 * <p>
 * Internal: not part of the public API.
 *
 * @param status the leader's status
 * @param headers the copyable headers, as name/value pairs in the leader's order
 * @param body the leader's body bytes (possibly empty)
 * @param varying the leader's values of the request headers its {@code Vary} names outside the key (lower-case names)
 */
public record CapturedResponse(int status, List<Map.Entry<String, String>> headers, byte[] body,
        Map<String, String> varying) {

    public CapturedResponse {
        headers = List.copyOf(headers);
        body = body.clone();
        varying = Map.copyOf(varying);
    }

    /** @return a fresh copy of the body for one follower */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body length, without copying it */
    public int length() {
        return body.length;
    }
}
