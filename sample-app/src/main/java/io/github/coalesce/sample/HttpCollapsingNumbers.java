package io.github.coalesce.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.github.coalesce.CollapsedEndpoints;

/** Live numbers of HTTP request collapsing for the how-it-works page (kept apart from {@code /stats}). */
@Path("/stats/http")
public class HttpCollapsingNumbers {

    /** @param leaders requests that ran the handler @param followers requests answered from a leader's response */
    public record Endpoint(long leaders, long followers, Map<String, Long> ranAnew, long bytesCopied) {
    }

    @Inject
    CollapsedEndpoints collapsing;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Endpoint> numbers() {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        collapsing.all().forEach((name, counts) -> endpoints.put(name.substring(name.lastIndexOf('.') + 1),
                new Endpoint(counts.leaders(), counts.followers(), counts.ranAnew(), counts.bytesCopied())));
        return endpoints;
    }
}
