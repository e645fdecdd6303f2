package io.github.coalesce.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Fault 4, a graceful shutdown while the database is unreachable, with the packaged jar: the views still pending go
 * to the spill file, and the next start (with the database back) replays them. The totals are exact.
 */
class ShutdownSpillIT {

    @Test
    void viewsPendingAtAShutdownWithoutDatabaseAreReplayedAtTheNextStart() throws Exception {
        Path spill = Files.createTempDirectory("coalesce-spill").resolve("views.spill");
        try (OwnPostgres postgres = OwnPostgres.start()) {
            ReadLoad load;
            long start;
            try (PackagedApp app = PackagedApp.start("spill", postgres, Map.of(
                    // nothing is written before the shutdown: every accepted view is still in memory then
                    "quarkus.coalesce.view-counter.flush-interval", "1h",
                    "quarkus.coalesce.view-counter.shutdown-timeout", "3s",
                    "quarkus.coalesce.view-counter.spill-file", spill.toString()))) {
                start = postgres.writtenViews();
                load = new ReadLoad(app, 16, 36, Duration.ofSeconds(10));
                PackagedApp.sleep(4_000);
                load.stop();
                assertThat(load.accepted()).isPositive();
                assertThat(load.statuses().keySet()).containsOnly(200);
                postgres.stop();
                int exit = app.stop();
                assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
                assertThat(app.log()).contains("spill");
            }
            assertThat(spill).as("the spill file").exists();
            assertThat(Files.size(spill)).isPositive();
            postgres.startAgain();
            assertThat(postgres.writtenViews() - start).as("written before the replay").isZero();

            try (PackagedApp again = PackagedApp.start("spill-replay", postgres, Map.of(
                    "quarkus.coalesce.view-counter.spill-file", spill.toString()))) {
                long written = FaultReport.awaitWritten("shutdown with database down", load.accepted(),
                        () -> postgres.writtenViews() - start, Duration.ofSeconds(20));
                assertThat(written).isEqualTo(load.accepted());
                assertThat(again.metric("coalesce_views_spill_replays_total", "")).isPositive();
            }
            assertThat(!Files.exists(spill) || Files.size(spill) == 0).as("the spill file is consumed").isTrue();
        }
    }
}
