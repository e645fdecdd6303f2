package io.github.coalesce.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * What followers receive of a leader's response, rule by rule: which responses are never shared (and the reason that
 * goes into {@code Cache-Status}), and which headers are never copied.
 */
class SharingRulesTest {

    private static final byte[] BODY = "body".getBytes(StandardCharsets.UTF_8);
    private static final Function<String, String> NO_HEADERS = name -> null;

    private final SharingRules rules = new SharingRules(Set.of(200, 203, 204, 300, 301, 308, 404, 410),
            List.of("Accept", "Accept-Language"), List.of("X-Internal"), 1024);

    @SafeVarargs
    private Outcome decide(int status, Map.Entry<String, String>... headers) {
        return rules.decide(status, List.of(headers), BODY, NO_HEADERS);
    }

    @Test
    void onlyTheSharedStatusesAreShared() {
        assertThat(decide(200)).isInstanceOf(Outcome.Shared.class);
        assertThat(decide(404)).isInstanceOf(Outcome.Shared.class);
        assertThat(decide(500)).isEqualTo(new Outcome.RunAnew("status-500"));
        assertThat(decide(302)).isEqualTo(new Outcome.RunAnew("status-302"));
    }

    @Test
    void aCookiePrivateOrNoStoreOrVaryStarMakesFollowersRunAnew() {
        assertThat(decide(200, Map.entry("Set-Cookie", "session=1"))).isEqualTo(new Outcome.RunAnew("set-cookie"));
        assertThat(decide(200, Map.entry("Cache-Control", "max-age=60, Private")))
                .isEqualTo(new Outcome.RunAnew("private"));
        assertThat(decide(200, Map.entry("cache-control", "no-store"))).isEqualTo(new Outcome.RunAnew("no-store"));
        assertThat(decide(200, Map.entry("Cache-Control", "public, max-age=60"))).isInstanceOf(Outcome.Shared.class);
        assertThat(decide(200, Map.entry("Vary", "Accept, *"))).isEqualTo(new Outcome.RunAnew("vary"));
    }

    @Test
    void aBodyOverTheLimitIsNotShared() {
        assertThat(rules.decide(200, List.of(), null, NO_HEADERS)).isEqualTo(new Outcome.RunAnew("too-large"));
    }

    @Test
    void perResponseHopByHopCorsTraceAndExcludedHeadersAreNeverCopied() {
        Outcome outcome = decide(200, Map.entry("Content-Type", "text/plain"), Map.entry("ETag", "\"v1\""),
                Map.entry("Content-Length", "4"), Map.entry("Transfer-Encoding", "chunked"),
                Map.entry("Date", "Thu, 03 Dec 2026 10:00:00 GMT"), Map.entry("Connection", "keep-alive, X-Hop"),
                Map.entry("X-Hop", "named by Connection"), Map.entry("Keep-Alive", "timeout=5"),
                Map.entry("Access-Control-Allow-Origin", "https://a.example"), Map.entry("traceparent", "00-ab-cd-01"),
                Map.entry("X-B3-TraceId", "abc"), Map.entry("X-Request-Id", "r-1"), Map.entry("x-internal", "secret"),
                Map.entry("Cache-Status", "upstream; hit, quarkus-coalesce; fwd=uri-miss"),
                Map.entry(":status", "200")); // an HTTP/2 leader's pseudo-header
        assertThat(outcome).isInstanceOf(Outcome.Shared.class);
        CapturedResponse shared = ((Outcome.Shared) outcome).response();
        assertThat(shared.headers()).containsExactly(Map.entry("Content-Type", "text/plain"),
                Map.entry("ETag", "\"v1\""), Map.entry("Cache-Status", "upstream; hit"));
        assertThat(shared.body()).isEqualTo(BODY);
    }

    @Test
    void aFollowerWhoseHeaderOutsideTheKeyDiffersOnAVariedNameRunsAnew() {
        Map<String, String> leader = Map.of("user-agent", "Firefox", "accept", "text/html");
        Outcome outcome = rules.decide(200, List.of(Map.entry("Vary", "Accept, User-Agent")), BODY, leader::get);
        CapturedResponse shared = ((Outcome.Shared) outcome).response();
        // Accept is part of the key already: only User-Agent is compared per follower.
        assertThat(shared.varying()).containsExactly(Map.entry("user-agent", "Firefox"));
        assertThat(rules.variesFor(shared, Map.of("user-agent", "Firefox")::get)).isFalse();
        assertThat(rules.variesFor(shared, Map.of("user-agent", "curl/8")::get)).isTrue();
        assertThat(rules.variesFor(shared, name -> null)).isTrue();
    }
}
