package io.github.coalesce.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * Fault 1, a database outage under load: 32 clients read posts from the packaged app for 15 s while its PostgreSQL
 * (the test's own) is stopped for 5 s and started again. Every view answered 200 is written exactly once, readiness
 * goes DOWN and comes back UP, reads during the outage get a JSON 503 (never a 500, never a hang past the request
 * timeout), and heap and thread count return to their level before the outage.
 */
class DatabaseOutageIT {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void viewsAcceptedDuringAnOutageAreWrittenExactlyOnce() {
        try (OwnPostgres postgres = OwnPostgres.start();
                PackagedApp app = PackagedApp.start("database-outage", postgres, Map.of())) {
            FaultReport.warmUp("outage", app, postgres, Duration.ofSeconds(3));
            long heapBefore = app.heapAfterGc();
            long threadsBefore = app.liveThreads();
            long start = postgres.writtenViews();

            AtomicBoolean sawDown = new AtomicBoolean();
            AtomicBoolean polling = new AtomicBoolean(true);
            Thread health = Thread.ofVirtual().start(() -> {
                while (polling.get()) {
                    try {
                        if (app.get("/q/health/ready").statusCode() == 503) {
                            sawDown.set(true);
                        }
                    } catch (RuntimeException e) {
                        // a slow answer is not a DOWN
                    }
                    PackagedApp.sleep(200);
                }
            });
            ReadLoad load = new ReadLoad(app, 32, 36, REQUEST_TIMEOUT);
            PackagedApp.sleep(4_000);
            postgres.stop();
            PackagedApp.sleep(5_000);
            postgres.startAgain();
            PackagedApp.sleep(6_000);
            load.stop();

            long written = FaultReport.awaitWritten("outage: 5 s stop under load", load.accepted(),
                    () -> postgres.writtenViews() - start, Duration.ofSeconds(30));
            polling.set(false);
            assertThat(written).as("written = accepted (statuses %s)", load.statuses()).isEqualTo(load.accepted());
            FaultReport.assertOnlyJsonUnavailable(load);
            assertThat(load.statuses()).as("some reads failed during the outage").containsKey(503);
            assertThat(load.indeterminate()).as("requests without an answer within %s", REQUEST_TIMEOUT).isZero();
            assertThat(sawDown).as("readiness went DOWN during the outage").isTrue();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> app.get("/q/health/ready").statusCode() == 200);
            long heapAfter = app.heapAfterGc();
            long threadsAfter = app.liveThreads();
            System.out.printf("FAULT outage: heap after GC %d -> %d KiB, threads %d -> %d, slowest %d ms%n",
                    heapBefore / 1024, heapAfter / 1024, threadsBefore, threadsAfter, load.slowestMillis());
            assertThat(heapAfter).as("heap after GC").isLessThan(heapBefore + heapBefore / 4 + 8 * 1024 * 1024);
            assertThat(threadsAfter).as("live threads").isLessThanOrEqualTo(threadsBefore + threadsBefore / 10 + 2);
        }
    }
}
