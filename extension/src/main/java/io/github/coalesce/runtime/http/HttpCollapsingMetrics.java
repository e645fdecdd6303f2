package io.github.coalesce.runtime.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;

/**
 * Exposes the request-collapsing counters as Micrometer meters ({@code coalesce.http.leaders},
 * {@code coalesce.http.followers}, {@code coalesce.http.ran.anew}, {@code coalesce.http.bypassed},
 * {@code coalesce.http.bytes.copied}, tagged by {@code endpoint} and, where there is one, {@code reason}). Added only
 * when the application has Micrometer; the meters read the counters the engine keeps anyway.
 * <p>
 * Internal: not part of the public API.
 */
@Singleton
public class HttpCollapsingMetrics {

    void bind(@Observes StartupEvent start, HttpCollapsing collapsing, MeterRegistry registry) {
        collapsing.stats().listener((endpoint, counter, reason, count) -> {
            Tags tags = reason == null ? Tags.of("endpoint", endpoint) : Tags.of("endpoint", endpoint, "reason", reason);
            FunctionCounter.builder("coalesce.http." + counter, count, adder -> adder.sum())
                    .tags(tags)
                    .baseUnit(counter.equals("bytes.copied") ? "bytes" : null)
                    .description(description(counter))
                    .register(registry);
        });
    }

    private static String description(String counter) {
        return switch (counter) {
            case "leaders" -> "Requests that ran the resource method for a flight";
            case "followers" -> "Requests answered from the leader's response";
            case "ran.anew" -> "Requests that joined a flight but ran the resource method themselves";
            case "bypassed" -> "Requests to a collapsed endpoint that were never collapsed";
            default -> "Body bytes copied to followers";
        };
    }
}
