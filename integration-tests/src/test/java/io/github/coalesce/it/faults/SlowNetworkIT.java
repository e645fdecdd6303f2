package io.github.coalesce.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Fault 2, a slow then silent network between the view counter and PostgreSQL: the counter writes through its own
 * datasource ({@code view-counter.datasource=views}) whose connections pass a {@link FaultProxy}; the requests read
 * through the default datasource, directly. Under 32 clients of reads: 200 ms of latency on every chunk of bytes, then
 * a half-open network that forwards nothing and resets nothing, then healed for new connections (the ones open while
 * silent stay dead for good). The request path does not notice (GET p99 in each phase against the phase without
 * fault, measured before and between the faults), the flush times out within {@code statement-timeout} plus its
 * network margin (a write stuck on a dead connection would never return), is retried, and once the proxy heals every
 * accepted view is written exactly once.
 */
class SlowNetworkIT {

    static final Duration PHASE = Duration.ofSeconds(6);

    @Test
    void aSlowOrSilentWritePathLeavesRequestsAloneAndTheTotalsExact() {
        try (OwnPostgres postgres = OwnPostgres.start(); FaultProxy proxy = FaultProxy.to(postgres.port())) {
            Map<String, String> settings = Map.of("quarkus.datasource.views.active", "true",
                    "quarkus.datasource.views.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres",
                    "quarkus.datasource.views.username", "postgres", "quarkus.datasource.views.password", "",
                    "quarkus.coalesce.view-counter.datasource", "views",
                    "quarkus.coalesce.view-counter.statement-timeout", "2s");
            try (PackagedApp app = PackagedApp.start("slow-network", postgres, settings)) {
                long before = postgres.writtenViews();
                ReadLoad warmUp = new ReadLoad(app, 32, 36, DatabaseOutageIT.REQUEST_TIMEOUT);
                PackagedApp.sleep(5_000);
                warmUp.stop();
                FaultReport.awaitWritten("slow network: warm-up", warmUp.accepted(),
                        () -> postgres.writtenViews() - before, Duration.ofSeconds(20));
                long start = postgres.writtenViews();
                double retriesBefore = app.metric("coalesce_views_retries_total", "");

                ReadLoad load = new ReadLoad(app, 32, 36, DatabaseOutageIT.REQUEST_TIMEOUT);
                PackagedApp.sleep(PHASE.toMillis());
                long noFaultEnd = load.elapsedMillis();
                proxy.delay(200);
                PackagedApp.sleep(PHASE.toMillis());
                long slowEnd = load.elapsedMillis();
                proxy.delay(0);
                PackagedApp.sleep(PHASE.toMillis());
                long noFaultAgainEnd = load.elapsedMillis();
                proxy.silent();
                PackagedApp.sleep(PHASE.toMillis() + 2_000);
                long silentEnd = load.elapsedMillis();
                double retriesWhileSilent = app.metric("coalesce_views_retries_total", "") - retriesBefore;
                proxy.heal();
                PackagedApp.sleep(3_000);
                load.stop();

                // Skip each phase's first second: requests in flight when the fault began or ended.
                long noFault = load.p99Millis(1_000, noFaultEnd);
                long slow = load.p99Millis(noFaultEnd + 1_000, slowEnd);
                long noFaultAgain = load.p99Millis(slowEnd + 1_000, noFaultAgainEnd);
                long silent = load.p99Millis(noFaultAgainEnd + 1_000, silentEnd);
                long written = FaultReport.awaitWritten("slow then silent network", load.accepted(),
                        () -> postgres.writtenViews() - start, Duration.ofSeconds(60));
                System.out.printf("FAULT slow network: GET p99 no fault %d ms, 200 ms latency %d ms, no fault again %d"
                        + " ms, silent %d ms; retries while silent %.0f%n", noFault, slow, noFaultAgain, silent,
                        retriesWhileSilent);
                assertThat(written).as("written = accepted (statuses %s)", load.statuses()).isEqualTo(load.accepted());
                assertThat(load.statuses().keySet()).as("every read answered 200").containsOnly(200);
                assertThat(load.indeterminate()).isZero();
                // Within 10 % of the phases without fault: one before the slow phase and one between the faults, as
                // the p99 of one phase moves by about that much on a 2-core machine with nothing changed.
                long baseline = Math.max(noFault, noFaultAgain);
                double bound = baseline * 1.10;
                assertThat((double) slow).as("GET p99 with 200 ms on the write path, against %d ms", baseline)
                        .isLessThanOrEqualTo(bound);
                assertThat((double) silent).as("GET p99 with a silent write path, against %d ms", baseline)
                        .isLessThanOrEqualTo(bound);
                assertThat(retriesWhileSilent).as("the flush timed out and was retried while silent")
                        .isGreaterThan(0);
                assertThat(app.log()).contains("retrying with backoff");
            }
        }
    }
}
