package io.github.coalesce.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Fault 3, {@code kill -9} under load: README promises that a crash loses only the views recorded since the last flush
 * that committed: one {@code flush-interval} of views, plus those of a flush that had taken its views and not
 * committed them. Measured Jepsen-style: lost = accepted − written, and every lost view's response arrived after the
 * last committed flush took its views, so lost ≤ the 200s that arrived within {@code flush-interval} + the flush in
 * progress + {@link #TIMER_LATENESS} before the kill. How long that flush had run is not known when the process dies:
 * the slowest of the app's finished flushes ({@code coalesce.views.flush.duration}) stands for it, and at least
 * {@link #FLUSH_IN_PROGRESS_AT_LEAST}, since the flush the kill interrupts may be the slowest yet. Nothing is written
 * twice, and the next start is clean. A warm-up first, so that the measured load is the app's steady state and not its
 * first queries in a cold JVM; its views are checked as the fault's are.
 */
class SigkillIT {

    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** How late the flush timer may run on a busy machine. */
    static final Duration TIMER_LATENESS = Duration.ofMillis(200);
    /** The least time the window allows for the flush the kill interrupts. */
    static final Duration FLUSH_IN_PROGRESS_AT_LEAST = Duration.ofMillis(500);

    @Test
    void aCrashLosesAtMostOneFlushIntervalOfViews() throws Exception {
        Path spill = Files.createTempDirectory("coalesce-sigkill").resolve("views.spill");
        Map<String, String> settings = Map.of("quarkus.coalesce.view-counter.flush-interval", "1s",
                "quarkus.coalesce.view-counter.spill-file", spill.toString());
        try (OwnPostgres postgres = OwnPostgres.start()) {
            ReadLoad load;
            long killedAt;
            long start;
            double slowestFlush;
            try (PackagedApp app = PackagedApp.start("sigkill", postgres, settings)) {
                FaultReport.warmUp("sigkill", app, postgres, Duration.ofSeconds(2));
                start = postgres.writtenViews();
                load = new ReadLoad(app, 32, 36, Duration.ofSeconds(10));
                PackagedApp.sleep(6_000);
                slowestFlush = app.metric("coalesce_views_flush_duration_seconds_max", "");
                killedAt = load.elapsedMillis();
                app.kill();
                load.stop();
            }
            long written = postgres.writtenViews() - start;
            long window = FLUSH_INTERVAL.toMillis()
                    + Math.max((long) Math.ceil(slowestFlush * 1000), FLUSH_IN_PROGRESS_AT_LEAST.toMillis())
                    + TIMER_LATENESS.toMillis();
            long bound = load.samples().stream()
                    .filter(s -> s.status() == 200 && s.sentAtMillis() + s.latencyMillis() >= killedAt - window)
                    .count();
            FaultReport.record("sigkill mid-load", load.accepted(), written, String.format(
                    "indeterminate=%d slowest-flush=%.0fms window=%dms bound=%d", load.indeterminate(),
                    slowestFlush * 1000, window, bound));
            assertThat(load.statuses().keySet()).as("statuses before the kill %s, a 503 said %s", load.statuses(),
                    load.sampleBody(503)).containsOnly(200);
            assertThat(written).as("no view written twice (some of the unanswered requests may count)")
                    .isLessThanOrEqualTo(load.accepted() + load.indeterminate());
            assertThat(load.accepted() - written)
                    .as("lost views, at most those answered in the last %d ms before the kill", window)
                    .isLessThanOrEqualTo(bound);

            try (PackagedApp again = PackagedApp.start("sigkill-restart", postgres, settings)) {
                assertThat(again.get("/posts/1").statusCode()).isEqualTo(200);
                FaultReport.awaitWritten("sigkill: next start", written + 1,
                        () -> postgres.writtenViews() - start, Duration.ofSeconds(10));
                assertThat(postgres.writtenViews() - start).isEqualTo(written + 1);
                assertThat(again.log()).doesNotContain("ERROR");
            }
        }
    }
}
