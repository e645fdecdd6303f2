package io.github.coalesce.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Fault 5, SIGTERM to the packaged app while 32 clients read posts, the database up: README promises that a graceful
 * shutdown loses nothing. The load goes on through the signal and until the process has exited, so requests are in
 * flight when it arrives and more come while the app stops. Checked Jepsen-style against the database:
 * <ul>
 * <li>when the process has exited, every view answered 200 is already written, by the flush on shutdown and not by
 * the spill file (which is for a database that cannot be reached, and stays empty here);</li>
 * <li>after the next start (which would replay a spill file) the total is the same: 0 lost, none doubled;</li>
 * <li>every request gets a response, or a refused or reset connection: none runs into its timeout.</li>
 * </ul>
 * Written views lie between the views answered 200 and those plus the requests reset mid-way (whose view may have
 * counted); a refused connection reached no handler.
 */
class ShutdownUnderLoadIT {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** How long the app may take from SIGTERM to exit: its flush (at most {@code shutdown-timeout}, 10 s) and more. */
    static final Duration EXIT_WITHIN = Duration.ofSeconds(30);

    @Test
    void aSigtermUnderLoadWritesEveryAnsweredViewBeforeTheProcessExits() throws Exception {
        Path spill = Files.createTempDirectory("coalesce-sigterm").resolve("views.spill");
        Map<String, String> settings = Map.of("quarkus.coalesce.view-counter.flush-interval", "1s",
                "quarkus.coalesce.view-counter.spill-file", spill.toString());
        try (OwnPostgres postgres = OwnPostgres.start()) {
            ReadLoad load;
            long start;
            long signalledAt;
            long exitedAt;
            int exit;
            try (PackagedApp app = PackagedApp.start("sigterm", postgres, settings)) {
                FaultReport.warmUp("sigterm", app, postgres, Duration.ofSeconds(2));
                start = postgres.writtenViews();
                load = new ReadLoad(app, 32, 36, REQUEST_TIMEOUT);
                PackagedApp.sleep(4_000);
                signalledAt = load.elapsedMillis();
                exit = app.stop();
                exitedAt = load.elapsedMillis();
                // Clients keep knocking on the closed port for a moment: refused, never a hang.
                PackagedApp.sleep(500);
                load.stop();
                assertThat(app.log()).as("the app's log").doesNotContain("ERROR");
            }
            long writtenAtExit = postgres.writtenViews() - start;
            List<ReadLoad.Failure> failures = load.failures();
            Map<ReadLoad.Kind, Long> failed = new TreeMap<>(failures.stream()
                    .collect(Collectors.groupingBy(ReadLoad.Failure::kind, Collectors.counting())));
            long reset = failed.getOrDefault(ReadLoad.Kind.RESET, 0L);
            long answeredAfterSignal = load.samples().stream()
                    .filter(s -> s.sentAtMillis() < signalledAt && s.sentAtMillis() + s.latencyMillis() >= signalledAt)
                    .count();
            long failedInFlight = failures.stream().filter(f -> f.sentAtMillis() < signalledAt).count();
            boolean spilled = Files.exists(spill) && Files.size(spill) > 0;
            FaultReport.record("sigterm under load", load.accepted(), writtenAtExit, String.format(
                    "exit=%d in %d ms statuses=%s failed=%s in-flight at the signal: %d answered, %d failed spilled=%s",
                    exit, exitedAt - signalledAt, load.statuses(), failed, answeredAfterSignal, failedInFlight,
                    spilled));

            assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(exitedAt - signalledAt).as("ms from SIGTERM to exit").isLessThan(EXIT_WITHIN.toMillis());
            assertThat(failed).as("requests without an answer within %s", REQUEST_TIMEOUT)
                    .doesNotContainKey(ReadLoad.Kind.TIMED_OUT);
            assertThat(load.statuses().keySet()).as("statuses, a 503 said %s", load.sampleBody(503))
                    .isSubsetOf(200, 503);
            assertThat(answeredAfterSignal + failedInFlight).as("requests in flight when the signal was sent")
                    .isPositive();
            assertThat(spilled).as("views spilled with the database up (the flush on shutdown did not write them)")
                    .isFalse();
            assertThat(writtenAtExit).as("views written when the process exited: every view answered 200, and at "
                    + "most the %d reset requests more", reset).isBetween(load.accepted(), load.accepted() + reset);

            try (PackagedApp again = PackagedApp.start("sigterm-restart", postgres, settings)) {
                // Two flush intervals: a replayed spill file would be written by now.
                PackagedApp.sleep(2_500);
                long written = postgres.writtenViews() - start;
                FaultReport.record("sigterm: next start", load.accepted(), written, "");
                assertThat(written).as("written after the next start").isEqualTo(writtenAtExit);
                assertThat(again.log()).as("the next start's log").doesNotContain("ERROR", "replaying");
            }
        }
    }
}
