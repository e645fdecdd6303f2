package io.github.coalesce.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.CoalesceTimeoutException;
import io.github.coalesce.Coalescer;
import io.github.coalesce.FlightGroups;
import io.quarkus.test.QuarkusUnitTest;

/** Per-caller maximum wait (annotation) and stuck-flight detachment (configuration). */
class CoalesceOptionsTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Slow.class, Gated.class, Concurrently.class))
            .overrideConfigKey("quarkus.coalesce.max-age", "300ms")
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.github.coalesce"))
            .assertLogRecords(records -> {
                // Exactly the one detached flight: a WARN naming the method, the key and its age.
                List<String> warnings = records.stream().filter(record -> record.getLevel().equals(Level.WARNING))
                        .map(record -> String.format(record.getMessage(), record.getParameters())).toList();
                assertThat(warnings).hasSize(1);
                assertThat(warnings.get(0)).startsWith("@Coalesce: the flight " + Slow.class.getName()
                        + "#plain(long)[3] ran ").contains("detached as stuck");
            });

    @Inject
    Slow slow;

    @Inject
    FlightGroups groups;

    @Inject
    Coalescer engine;

    Concurrently callers;

    @BeforeEach
    void setUp() {
        callers = new Concurrently();
        slow.reset();
    }

    @AfterEach
    void tearDown() {
        slow.release();
        callers.close();
    }

    @Test
    void aFollowerPastItsMaxWaitFailsWhileTheLeaderGoesOn() throws Exception {
        Future<String> leader = callers.start(1, () -> slow.failAfterWait(1)).get(0);
        await().atMost(5, TimeUnit.SECONDS).until(() -> slow.executions() == 1);
        long started = System.nanoTime();
        assertThatThrownBy(() -> slow.failAfterWait(1)).isInstanceOf(CoalesceTimeoutException.class)
                .hasMessageContaining("max wait");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(80L, 5_000L);

        slow.release();
        assertThat(leader.get(5, TimeUnit.SECONDS)).isEqualTo("value-1");
        assertThat(slow.executions()).isEqualTo(1);
        assertThat(groups.group(Slow.class.getName() + "#failAfterWait(long)").orElseThrow().maxWaitTimeouts())
                .isEqualTo(1);
    }

    @Test
    void aFollowerPastItsMaxWaitCanRunTheCallItself() throws Exception {
        Future<String> leader = callers.start(1, () -> slow.runAfterWait(2)).get(0);
        await().atMost(5, TimeUnit.SECONDS).until(() -> slow.executions() == 1);
        slow.releaseNextOnly();
        // The follower gives up after 100 ms and runs the call itself, which the gate now lets through.
        assertThat(slow.runAfterWait(2)).isEqualTo("value-2");
        assertThat(slow.executions()).isEqualTo(2);
        assertThat(leader.isDone()).as("the leader is unaffected and still running").isFalse();
        slow.release();
        assertThat(leader.get(5, TimeUnit.SECONDS)).isEqualTo("value-2");
    }

    @Test
    void aStuckFlightIsDetachedAfterTheMaxAgeSoNewCallersStartANewOne() throws Exception {
        List<Future<String>> stuck = callers.start(2, () -> slow.plain(3));
        await().atMost(5, TimeUnit.SECONDS).until(() -> slow.executions() == 1);
        Thread.sleep(400); // past quarkus.coalesce.max-age=300ms
        Future<String> fresh = callers.start(1, () -> slow.plain(3)).get(0);
        await().atMost(5, TimeUnit.SECONDS).until(() -> slow.executions() == 2);
        assertThat(groups.group(Slow.class.getName() + "#plain(long)").orElseThrow().detached()).isEqualTo(1);

        slow.release();
        assertThat(Concurrently.results(stuck)).containsOnly("value-3");
        assertThat(fresh.get(5, TimeUnit.SECONDS)).isEqualTo("value-3");
        assertThat(engine.inFlight()).isZero();
    }

    @ApplicationScoped
    static class Slow extends Gated {

        private volatile CountDownLatch nextOnly = new CountDownLatch(1);

        @Coalesce(maxWait = "100ms", onMaxWait = Coalesce.OnMaxWait.FAIL)
        String failAfterWait(long id) throws InterruptedException {
            pass();
            return "value-" + id;
        }

        @Coalesce(maxWait = "100ms", onMaxWait = Coalesce.OnMaxWait.RUN)
        String runAfterWait(long id) throws InterruptedException {
            if (executions() == 0) {
                pass();
            } else {
                pass(nextOnly);
            }
            return "value-" + id;
        }

        @Coalesce
        String plain(long id) throws InterruptedException {
            pass();
            return "value-" + id;
        }

        @Override
        void reset() {
            super.reset();
            nextOnly = new CountDownLatch(1);
        }

        @Override
        void release() {
            super.release();
            nextOnly.countDown();
        }

        void releaseNextOnly() {
            nextOnly.countDown();
        }
    }
}
