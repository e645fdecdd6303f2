package io.github.coalesce.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The flight table of request collapsing on its own: who leads, who follows, the follower cap, the age limit. */
class RequestFlightsTest {

    private static RequestKey key(String path) {
        return new RequestKey("GET", "http", "localhost", path, "", "Resource#get", List.of(), "");
    }

    @Test
    void maxFollowersCapsAFlightAndTheRestRunAlone() {
        RequestFlights flights = new RequestFlights();
        RequestFlights.Ticket leader = flights.join(key("/a"), true, 2, null);
        assertThat(leader).isInstanceOf(RequestFlights.Lead.class);
        assertThat(flights.join(key("/a"), true, 2, null)).isInstanceOf(RequestFlights.Follow.class);
        assertThat(flights.join(key("/a"), true, 2, null)).isInstanceOf(RequestFlights.Follow.class);
        assertThat(flights.join(key("/a"), true, 2, null)).isInstanceOf(RequestFlights.Full.class);
        assertThat(flights.join(key("/b"), true, 2, null)).as("another key").isInstanceOf(RequestFlights.Lead.class);

        flights.finish(((RequestFlights.Lead) leader).flight(), new Outcome.RunAnew("status-500"));
        assertThat(flights.join(key("/a"), true, 2, null)).as("after the flight ended")
                .isInstanceOf(RequestFlights.Lead.class);
    }

    @Test
    void aFlightOlderThanMaxAgeIsDetachedAndTheNextRequestLeadsANewOne() throws Exception {
        RequestFlights flights = new RequestFlights();
        RequestFlights.Lead stuck = (RequestFlights.Lead) flights.join(key("/a"), true, 10, Duration.ofMillis(50));
        Thread.sleep(80);
        RequestFlights.Ticket next = flights.join(key("/a"), true, 10, Duration.ofMillis(50));
        assertThat(next).isInstanceOf(RequestFlights.Lead.class);
        assertThat(((RequestFlights.Lead) next).flight()).isNotSameAs(stuck.flight());
        assertThat(flights.inFlight()).isEqualTo(1);
    }

    @Test
    void aRequestThatMayNotLeadOnlyJoins() {
        RequestFlights flights = new RequestFlights();
        assertThat(flights.join(key("/a"), false, 10, null)).as("HEAD with no GET flight").isNull();
        flights.join(key("/a"), true, 10, null);
        assertThat(flights.join(key("/a"), false, 10, null)).isInstanceOf(RequestFlights.Follow.class);
    }
}
