package io.github.coalesce.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A spoofed {@code X-Forwarded-For} does not make a new viewer: the view cooldown keys on the connection's address
 * unless {@code quarkus.http.proxy.*} says the proxy in front is trusted, and then each forwarded address is a viewer.
 */
class ForwardedForIT {

    @Test
    void aSpoofedForwardedForCountsOnceUnlessTheProxyIsTrusted() {
        Map<String, String> cooldown = Map.of("quarkus.coalesce.view-counter.cooldown", "10m");
        try (OwnPostgres postgres = OwnPostgres.start()) {
            try (PackagedApp app = PackagedApp.start("forwarded-untrusted", postgres, cooldown)) {
                assertThat(viewsCountedForThreeForwardedAddresses(app)).as("views counted, proxy not trusted")
                        .isEqualTo(1);
            }
            Map<String, String> trusted = new HashMap<>(cooldown);
            trusted.put("quarkus.http.proxy.proxy-address-forwarding", "true");
            trusted.put("quarkus.http.proxy.allow-x-forwarded", "true");
            trusted.put("quarkus.http.proxy.trusted-proxies", "127.0.0.1");
            try (PackagedApp app = PackagedApp.start("forwarded-trusted", postgres, trusted)) {
                assertThat(viewsCountedForThreeForwardedAddresses(app)).as("views counted, proxy trusted")
                        .isEqualTo(3);
            }
        }
    }

    private static long viewsCountedForThreeForwardedAddresses(PackagedApp app) {
        RawHttp http = new RawHttp(app.uri("/").getPort());
        for (String address : new String[] { "203.0.113.1", "203.0.113.2", "198.51.100.7" }) {
            assertThat(http.get("/posts/3", Map.of("X-Forwarded-For", address)).status()).isEqualTo(200);
        }
        return (long) app.metric("coalesce_views_recorded_total", "");
    }
}
