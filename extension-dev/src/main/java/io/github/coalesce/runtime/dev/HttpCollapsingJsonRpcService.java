package io.github.coalesce.runtime.dev;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.github.coalesce.runtime.http.HttpCollapsing;
import io.github.coalesce.runtime.http.RequestFlights;

/**
 * The Dev UI's live view of request collapsing (dev mode only): the flights running now and the counters per
 * endpoint. Never the key's header values or principal: a flight shows its method, path and endpoint.
 * <p>
 * Internal: not part of the public API.
 */
public class HttpCollapsingJsonRpcService {

    @Inject
    HttpCollapsing collapsing;

    /** @return the flights running now, oldest first: endpoint, request, followers so far and waiting, age */
    public List<Map<String, Object>> getHttpFlights() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RequestFlights.Flight flight : collapsing.flights().running()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("endpoint", flight.key().endpoint());
            row.put("request", flight.key().method() + " " + flight.key().path()
                    + (flight.key().query().isEmpty() ? "" : "?" + flight.key().query()));
            row.put("followers", flight.followers());
            row.put("waiting", flight.waiting());
            row.put("ageMillis", flight.age().toMillis());
            rows.add(row);
        }
        return rows;
    }

    /** @return the counters of every collapsed endpoint requested so far */
    public List<Map<String, Object>> getHttpCounters() {
        List<Map<String, Object>> rows = new ArrayList<>();
        collapsing.stats().all().forEach((endpoint, counts) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("endpoint", endpoint);
            row.put("leaders", counts.leaders());
            row.put("followers", counts.followers());
            row.put("ranAnew", counts.ranAnew().toString());
            row.put("bypassed", counts.bypassed().toString());
            row.put("bytesCopied", counts.bytesCopied());
            rows.add(row);
        });
        return rows;
    }
}
