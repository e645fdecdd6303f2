package io.github.coalesce.runtime.http;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.coalesce.runtime.http.RequestFlights.Flight;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * What is known of a leader's response while it is written: the body copy (from the writer interceptor), then, when
 * the response has ended, its final status and headers as sent. Ending the flight here, once the response is done or
 * its connection is gone, covers every way a request can end: a body, no body, a mapped exception, a disconnect.
 * <p>
 * Internal: not part of the public API.
 */
final class LeaderCapture {

    private final HttpCollapsing collapsing;
    private final Flight flight;
    private final RoutingContext routing;
    private volatile ResponseTee tee;

    LeaderCapture(HttpCollapsing collapsing, Flight flight, RoutingContext routing) {
        this.collapsing = collapsing;
        this.flight = flight;
        this.routing = routing;
    }

    /** Ends the flight when the leader's response has ended (or its connection closed before that). */
    void listen() {
        routing.addEndHandler(ended -> collapsing.flights().finish(flight,
                ended.succeeded() ? outcome(routing.response()) : new Outcome.RunAnew("leader-disconnected")));
    }

    /** Called by the writer interceptor before the body is written: the leader's stream now keeps a copy. */
    OutputStream tee(OutputStream client) {
        ResponseTee mine = new ResponseTee(client, collapsing.rules().maxBodySize());
        tee = mine;
        return mine;
    }

    private Outcome outcome(HttpServerResponse response) {
        if (!collapsing.rules().sharesStatus(response.getStatusCode())) {
            return new Outcome.RunAnew("status-" + response.getStatusCode());
        }
        byte[] body;
        ResponseTee written = tee;
        if (written == null) {
            if (response.bytesWritten() > 0) {
                // Written past the writer interceptor (a file, a Vert.x buffer): nothing to copy from.
                return new Outcome.RunAnew("uncaptured");
            }
            body = new byte[0];
        } else if (!written.complete()) {
            return new Outcome.RunAnew("leader-failed");
        } else {
            body = written.body();
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().forEach(header -> headers.add(Map.entry(header.getKey(), header.getValue())));
        return collapsing.rules().decide(response.getStatusCode(), headers, body,
                name -> routing.request().getHeader(name));
    }
}
