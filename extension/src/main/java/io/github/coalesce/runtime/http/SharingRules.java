package io.github.coalesce.runtime.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What of a leader's response followers may receive: whether it may be shared at all, and which headers are copied.
 * Plain Java, so that every rule is testable without a server.
 * <p>
 * Internal: not part of the public API.
 */
public final class SharingRules {

    /** The name of this cache in {@code Cache-Status} (RFC 9211). */
    public static final String CACHE_NAME = "quarkus-coalesce";

    /** Never copied: per-response, per-connection or per-client headers. */
    static final Set<String> NEVER_COPIED = Set.of("set-cookie", "set-cookie2", "connection", "keep-alive",
            "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding",
            "upgrade", "content-length", "date", "traceparent", "tracestate", "baggage", "b3", "uber-trace-id",
            "x-request-id", "x-correlation-id", "request-id", "x-amzn-trace-id", "x-cloud-trace-context");

    private final Set<Integer> sharedStatuses;
    private final Set<String> keyHeaders;
    private final Set<String> excluded;
    private final long maxBodySize;

    /**
     * @param sharedStatuses the statuses followers may receive
     * @param keyHeaders the request headers that are part of the key (any case)
     * @param excluded further response headers never copied (any case)
     * @param maxBodySize the largest body copied
     */
    public SharingRules(Set<Integer> sharedStatuses, List<String> keyHeaders, List<String> excluded,
            long maxBodySize) {
        this.sharedStatuses = Set.copyOf(sharedStatuses);
        this.keyHeaders = lowerCase(keyHeaders);
        this.excluded = lowerCase(excluded);
        this.maxBodySize = maxBodySize;
    }

    /**
     * @param status a leader's status
     * @return whether followers may receive a response with this status
     */
    public boolean sharesStatus(int status) {
        return sharedStatuses.contains(status);
    }

    /** @return the largest body copied for followers */
    public long maxBodySize() {
        return maxBodySize;
    }

    /**
     * Decides what followers of a finished leader receive.
     *
     * @param status the leader's status
     * @param headers the leader's response headers as sent
     * @param body the leader's body, or {@code null} when it was larger than {@link #maxBodySize()}
     * @param leaderRequestHeader the leader's request header of a name, or {@code null}
     * @return the shared response, or the reason followers run anew
     */
    public Outcome decide(int status, List<Map.Entry<String, String>> headers, byte[] body,
            Function<String, String> leaderRequestHeader) {
        if (!sharedStatuses.contains(status)) {
            return new Outcome.RunAnew("status-" + status);
        }
        Map<String, String> varying = new HashMap<>();
        List<Map.Entry<String, String>> copied = new ArrayList<>();
        Set<String> connectionNamed = new HashSet<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String value = header.getValue();
            switch (name) {
                case "set-cookie", "set-cookie2" -> {
                    return new Outcome.RunAnew("set-cookie");
                }
                case "cache-control" -> {
                    String reason = uncacheable(value);
                    if (reason != null) {
                        return new Outcome.RunAnew(reason);
                    }
                }
                case "vary" -> {
                    for (String varied : value.split(",")) {
                        String variedName = varied.trim().toLowerCase(Locale.ROOT);
                        if (variedName.equals("*")) {
                            return new Outcome.RunAnew("vary");
                        }
                        if (!variedName.isEmpty() && !keyHeaders.contains(variedName)) {
                            String leaders = leaderRequestHeader.apply(variedName);
                            varying.put(variedName, leaders == null ? "" : leaders);
                        }
                    }
                }
                case "connection" -> {
                    for (String option : value.split(",")) {
                        connectionNamed.add(option.trim().toLowerCase(Locale.ROOT));
                    }
                }
                default -> {
                }
            }
        }
        if (body == null) {
            return new Outcome.RunAnew("too-large");
        }
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (copied(name) && !connectionNamed.contains(name)) {
                String value = name.equals("cache-status") ? withoutOwnEntry(header.getValue()) : header.getValue();
                if (!value.isEmpty()) {
                    copied.add(Map.entry(header.getKey(), value));
                }
            }
        }
        return new Outcome.Shared(new CapturedResponse(status, copied, body, varying));
    }

    /**
     * @param response the shared response
     * @param requestHeader this follower's request header of a name, or {@code null}
     * @return whether this follower's request differs from the leader's in a header the response varies on
     */
    public boolean variesFor(CapturedResponse response, Function<String, String> requestHeader) {
        for (Map.Entry<String, String> varied : response.varying().entrySet()) {
            String mine = requestHeader.apply(varied.getKey());
            if (!varied.getValue().equals(mine == null ? "" : mine)) {
                return true;
            }
        }
        return false;
    }

    private boolean copied(String lowerCaseName) {
        // An HTTP/2 leader's response holds pseudo-headers (":status"): each follower's own response has its own.
        return !lowerCaseName.startsWith(":") && !NEVER_COPIED.contains(lowerCaseName)
                && !lowerCaseName.startsWith("access-control-")
                && !lowerCaseName.startsWith("x-b3-") && !excluded.contains(lowerCaseName);
    }

    /** @return {@code private} or {@code no-store} when a directive forbids sharing, else {@code null} */
    static String uncacheable(String cacheControl) {
        for (String directive : cacheControl.split(",")) {
            String name = directive.trim();
            int equals = name.indexOf('=');
            name = (equals < 0 ? name : name.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
            if (name.equals("private") || name.equals("no-store")) {
                return name;
            }
        }
        return null;
    }

    /** Other caches' {@code Cache-Status} entries are kept; this cache's own is written anew per response. */
    static String withoutOwnEntry(String cacheStatus) {
        StringBuilder kept = new StringBuilder();
        for (String entry : cacheStatus.split(",")) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith(CACHE_NAME)) {
                kept.append(kept.isEmpty() ? "" : ", ").append(trimmed);
            }
        }
        return kept.toString();
    }

    private static Set<String> lowerCase(List<String> names) {
        Set<String> lower = new HashSet<>();
        for (String name : names) {
            lower.add(name.trim().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(lower);
    }
}
