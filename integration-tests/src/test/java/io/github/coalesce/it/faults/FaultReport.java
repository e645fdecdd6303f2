package io.github.coalesce.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.LongSupplier;

/** The Jepsen-style check of every fault test: views accepted against views written, printed and kept in a file. */
final class FaultReport {

    private FaultReport() {
    }

    /**
     * Waits until the database holds {@code accepted} new views (or {@code timeout} passed), then prints and appends
     * to {@code target/fault-logs/results.txt} one line: fault, accepted, written, lost, doubled.
     *
     * @return written views
     */
    static long awaitWritten(String fault, long accepted, LongSupplier written, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long now = written.getAsLong();
        while (now != accepted && System.nanoTime() < deadline) {
            PackagedApp.sleep(250);
            now = written.getAsLong();
        }
        record(fault, accepted, now, "");
        return now;
    }

    /**
     * 32 clients read posts for {@code duration}, so that what the test measures next is a JIT-compiled app and not
     * its first queries in a cold JVM; the warm-up's views are checked as the fault's are: written = accepted, up to
     * the requests that got no answer.
     */
    static void warmUp(String fault, PackagedApp app, OwnPostgres postgres, Duration duration) {
        long before = postgres.writtenViews();
        ReadLoad load = new ReadLoad(app, 32, 36, Duration.ofSeconds(10));
        PackagedApp.sleep(duration.toMillis());
        load.stop();
        long written = awaitWritten(fault + ": warm-up", load.accepted(), () -> postgres.writtenViews() - before,
                Duration.ofSeconds(20));
        assertThat(written).as("%s: warm-up written = accepted (statuses %s)", fault, load.statuses())
                .isBetween(load.accepted(), load.accepted() + load.indeterminate());
    }

    static void record(String fault, long accepted, long written, String note) {
        String line = String.format("%-28s accepted=%d written=%d lost=%d doubled=%d %s%n", fault, accepted, written,
                Math.max(0, accepted - written), Math.max(0, written - accepted), note);
        System.out.print("FAULT " + line);
        try {
            Path results = Files.createDirectories(Path.of("target", "fault-logs")).resolve("results.txt");
            Files.writeString(results, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the line was printed
        }
    }

    /** Every non-200 answer of the load is a JSON error, and none is a 500. */
    static void assertOnlyJsonUnavailable(ReadLoad load) {
        assertThat(load.statuses().keySet()).as("statuses %s", load.statuses()).isSubsetOf(200, 503);
        if (load.statuses().containsKey(503)) {
            assertThat(load.sampleBody(503)).contains("\"status\":503").doesNotContain("Exception", "SQL");
        }
    }
}
