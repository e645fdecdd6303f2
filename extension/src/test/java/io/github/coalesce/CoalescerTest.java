package io.github.coalesce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** The plain-Java engine, without Quarkus: real (virtual) threads, latches to force overlap, bounded waits. */
class CoalescerTest {

    private Coalescer coalescer;
    private ExecutorService threads;
    private CountDownLatch gate;
    private AtomicInteger executions;

    @BeforeEach
    void setUp() {
        coalescer = new Coalescer();
        threads = Executors.newVirtualThreadPerTaskExecutor();
        gate = new CountDownLatch(1);
        executions = new AtomicInteger();
    }

    @AfterEach
    void tearDown() {
        gate.countDown();
        threads.shutdownNow();
    }

    @Test
    void overlappingCallsShareOneExecutionAndTheSameResultInstance() throws Exception {
        Counting observer = new Counting();
        FlightOptions options = FlightOptions.DEFAULTS.withObserver(observer);
        List<Future<Object>> results = start(64, () -> coalescer.execute("k", options, this::slowValue));
        await().atMost(5, TimeUnit.SECONDS).until(() -> observer.joins.get() == 63);
        assertThat(coalescer.callers("k")).isEqualTo(64);
        gate.countDown();

        Set<Object> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Future<Object> result : results) {
            distinct.add(result.get(10, TimeUnit.SECONDS));
        }
        assertThat(distinct).hasSize(1);
        assertThat(executions).hasValue(1);
        assertThat(observer.leads).hasValue(1);
        assertThat(observer.lastCallers).hasValue(64);
        assertThat(coalescer.inFlight()).isZero();

        assertThat(coalescer.execute("k", this::value)).isNotSameAs(distinct.iterator().next());
        assertThat(executions).as("nothing cached").hasValue(2);
    }

    @Test
    void anErrorReachesEveryWaiterAsTheSameInstanceAndIsForgotten() throws Exception {
        Counting observer = new Counting();
        FlightOptions options = FlightOptions.DEFAULTS.withObserver(observer);
        List<Future<Object>> results = start(8, () -> coalescer.execute("k", options, () -> {
            executions.incrementAndGet();
            gate.await(10, TimeUnit.SECONDS);
            throw new StackOverflowError("deep");
        }));
        await().atMost(5, TimeUnit.SECONDS).until(() -> observer.joins.get() == 7);
        gate.countDown();

        Set<Throwable> errors = new HashSet<>();
        for (Future<Object> result : results) {
            assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StackOverflowError.class);
            errors.add(causeOf(result));
        }
        assertThat(errors).hasSize(1);
        assertThat(observer.lastFailure.get()).isInstanceOf(StackOverflowError.class);
        assertThatThrownBy(() -> coalescer.execute("k", () -> {
            throw new IOException("checked, unchanged");
        })).isExactlyInstanceOf(IOException.class).hasMessage("checked, unchanged");
        assertThat(coalescer.inFlight()).isZero();
    }

    @Test
    void forgetLetsLaterCallersStartANewFlightWhileTheOldOneFinishes() throws Exception {
        Future<Object> first = start(1, () -> coalescer.execute("k", this::slowValue)).get(0);
        await().atMost(5, TimeUnit.SECONDS).until(() -> executions.get() == 1);
        assertThat(coalescer.forget("k")).isTrue();
        assertThat(coalescer.forget("k")).isFalse();

        CountDownLatch secondGate = new CountDownLatch(1);
        Future<String> second = start(1, () -> coalescer.execute("k", () -> {
            executions.incrementAndGet();
            secondGate.await(10, TimeUnit.SECONDS);
            return "second";
        })).get(0);
        await().atMost(5, TimeUnit.SECONDS).until(() -> executions.get() == 2);
        gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isNotEqualTo("second");
        assertThat(coalescer.inFlight()).as("the old leader must not remove the new flight").isEqualTo(1);
        secondGate.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(coalescer.inFlight()).isZero();
    }

    @Test
    void aFlightReadsTheClockOnlyWhenItsAgeCanMatter() throws Exception {
        List<Future<Object>> plain = start(1, () -> coalescer.execute("plain", this::slowValue));
        List<Future<Object>> aged = start(1, () -> coalescer.execute("aged",
                FlightOptions.DEFAULTS.withMaxAge(Duration.ofMinutes(1)), this::slowValue));
        await().atMost(5, TimeUnit.SECONDS).until(() -> executions.get() == 2);

        List<FlightSnapshot> running = coalescer.snapshot();
        assertThat(running).extracting(FlightSnapshot::key).containsExactly("aged", "plain");
        assertThat(running.get(0).age()).as("a max-age needs the start").isNotNull();
        assertThat(running.get(1).age()).as("no max-age, no timing observer: no clock read").isNull();
        gate.countDown();
        plain.get(0).get(5, TimeUnit.SECONDS);
        aged.get(0).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSnapshotShowsEachRunningFlightWithItsCallersAndAgeAndNothingOnceDone() throws Exception {
        Counting observer = new Counting();
        FlightOptions options = FlightOptions.DEFAULTS.withObserver(observer);
        List<Future<Object>> posts = start(3, () -> coalescer.execute("post-1", options, this::slowValue));
        await().atMost(5, TimeUnit.SECONDS).until(() -> observer.joins.get() == 2);
        Thread.sleep(20);
        List<Future<Object>> tags = start(1, () -> coalescer.execute("tags", options, this::slowValue));
        await().atMost(5, TimeUnit.SECONDS).until(() -> executions.get() == 2);

        List<FlightSnapshot> running = coalescer.snapshot();
        assertThat(running).extracting(FlightSnapshot::key).containsExactly("post-1", "tags");
        assertThat(running.get(0).callers()).isEqualTo(3);
        assertThat(running.get(0).waiting()).isEqualTo(3);
        assertThat(running.get(0).age()).isGreaterThanOrEqualTo(Duration.ofMillis(20))
                .isGreaterThan(running.get(1).age());
        assertThat(running.get(1).callers()).isEqualTo(1);

        gate.countDown();
        for (Future<Object> done : posts) {
            done.get(5, TimeUnit.SECONDS);
        }
        tags.get(0).get(5, TimeUnit.SECONDS);
        assertThat(coalescer.snapshot()).isEmpty();
    }

    @Test
    void anObserverGetsTheDurationOnlyWhenItTimesExecutions() throws Exception {
        AtomicReference<Long> timed = new AtomicReference<>();
        AtomicReference<Long> untimed = new AtomicReference<>();
        FlightObserver timing = new FlightObserver() {
            @Override
            public void onComplete(Object key, int callers, long nanos, Throwable failure) {
                timed.set(nanos);
            }
        };
        FlightObserver notTiming = new FlightObserver() {
            @Override
            public boolean timesExecutions() {
                return false;
            }

            @Override
            public void onComplete(Object key, int callers, long nanos, Throwable failure) {
                untimed.set(nanos);
            }
        };
        coalescer.execute("timed", FlightOptions.DEFAULTS.withObserver(timing), () -> {
            Thread.sleep(20);
            return "done";
        });
        coalescer.execute("untimed", FlightOptions.DEFAULTS.withObserver(notTiming), () -> "done");
        assertThat(timed.get()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(untimed.get()).isEqualTo(-1L);
    }

    @Test
    void aSlowCallForOneKeyNeverDelaysAnotherKeyEvenFromInsideIt() throws Exception {
        Future<Object> slow = start(1, () -> coalescer.execute("slow", this::slowValue)).get(0);
        await().atMost(5, TimeUnit.SECONDS).until(() -> executions.get() == 1);
        long started = System.nanoTime();
        assertThat(coalescer.execute("fast", () -> coalescer.execute("inner", () -> "nested"))).isEqualTo("nested");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        gate.countDown();
        slow.get(10, TimeUnit.SECONDS);
    }

    @Test
    void reentranceFailsAtOnceNamingTheKeyForEveryKindOfCall() throws Exception {
        assertThatThrownBy(() -> coalescer.execute("post-7", () -> coalescer.execute("post-7", () -> "never")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("post-7");

        Uni<String> nested = coalescer.executeUni("uni-7",
                () -> coalescer.executeUni("uni-7", () -> Uni.createFrom().item("never")));
        assertThatThrownBy(() -> nested.await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("uni-7");

        CompletableFuture<String> stage = coalescer.<String> executeAsync("cs-7",
                () -> coalescer.<String> executeAsync("cs-7", () -> CompletableFuture.completedFuture("never")))
                .toCompletableFuture();
        assertThatThrownBy(() -> stage.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cs-7");
        assertThat(coalescer.inFlight()).isZero();
    }

    @Test
    void aUniFollowerPastItsMaxWaitRunsItsOwnCallWhenAskedTo() {
        CompletableFuture<String> leaderWork = new CompletableFuture<>();
        CompletableFuture<String> leader = coalescer.executeUni("k", () -> Uni.createFrom().completionStage(leaderWork))
                .subscribeAsCompletionStage();
        FlightOptions runAfter100ms = FlightOptions.DEFAULTS.withMaxWait(Duration.ofMillis(100), true);
        String own = coalescer.executeUni("k", runAfter100ms, () -> Uni.createFrom().item("own"))
                .await().atMost(Duration.ofSeconds(5));
        assertThat(own).isEqualTo("own");
        assertThat(leader).isNotDone();
        leaderWork.complete("shared");
        assertThat(leader.join()).isEqualTo("shared");
    }

    @Test
    void optionsRejectNegativeDurations() {
        assertThatThrownBy(() -> FlightOptions.DEFAULTS.withMaxWait(Duration.ofSeconds(-1), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxWait");
        assertThatThrownBy(() -> FlightOptions.DEFAULTS.withMaxAge(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAge");
    }

    private Object slowValue() throws InterruptedException {
        executions.incrementAndGet();
        gate.await(10, TimeUnit.SECONDS);
        return new Object();
    }

    private Object value() {
        executions.incrementAndGet();
        return new Object();
    }

    private <T> List<Future<T>> start(int callers, java.util.concurrent.Callable<T> call) {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            futures.add(threads.submit(call));
        }
        return futures;
    }

    private static Throwable causeOf(Future<?> future) throws InterruptedException {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Counts what the engine reports. */
    static final class Counting implements FlightObserver {
        final AtomicInteger leads = new AtomicInteger();
        final AtomicInteger joins = new AtomicInteger();
        final AtomicInteger lastCallers = new AtomicInteger();
        final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

        @Override
        public void onLead(Object key) {
            leads.incrementAndGet();
        }

        @Override
        public void onJoin(Object key) {
            joins.incrementAndGet();
        }

        @Override
        public void onComplete(Object key, int callers, long nanos, Throwable failure) {
            lastCallers.set(callers);
            lastFailure.set(failure);
        }
    }
}
