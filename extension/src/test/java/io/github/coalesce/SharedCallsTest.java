package io.github.coalesce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** Go's {@code shared}: each form tells every caller whether it led and how many callers the execution served. */
class SharedCallsTest {

    static final int CALLERS = 16;

    private Coalescer coalescer;
    private CoalescerTest.Counting observer;
    private FlightOptions options;
    private ExecutorService threads;
    private CountDownLatch gate;
    private AtomicInteger executions;

    @BeforeEach
    void setUp() {
        coalescer = new Coalescer();
        observer = new CoalescerTest.Counting();
        options = FlightOptions.DEFAULTS.withObserver(observer);
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
    void synchronousCallersLearnWhoLedAndHowManyWereServed() throws Exception {
        List<Future<Shared<Object>>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            results.add(threads.submit(() -> coalescer.executeShared("k", options, this::slowValue)));
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> observer.joins.get() == CALLERS - 1);
        gate.countDown();

        List<Shared<Object>> shared = new ArrayList<>();
        for (Future<Shared<Object>> result : results) {
            shared.add(result.get(10, TimeUnit.SECONDS));
        }
        assertServedTogether(shared);
        assertThat(observer.lastCallers).as("the same number as the fan-in").hasValue(CALLERS);

        Shared<String> alone = coalescer.executeShared("k", () -> "alone");
        assertThat(alone).isEqualTo(new Shared<>("alone", true, 1));
        assertThat(alone.shared()).isFalse();
    }

    @Test
    void uniSubscribersLearnWhoLedAndHowManyWereServed() {
        CompletableFuture<Object> work = new CompletableFuture<>();
        List<CompletableFuture<Shared<Object>>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            results.add(coalescer.executeSharedUni("k", options, () -> {
                executions.incrementAndGet();
                return Uni.createFrom().completionStage(work);
            }).subscribeAsCompletionStage());
        }
        assertThat(observer.joins).hasValue(CALLERS - 1);
        work.complete(new Object());
        assertServedTogether(results.stream().map(CompletableFuture::join).toList());
    }

    @Test
    void stageCallersLearnWhoLedAndHowManyWereServed() {
        CompletableFuture<Object> work = new CompletableFuture<>();
        List<CompletableFuture<Shared<Object>>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            results.add(coalescer.<Object> executeSharedAsync("k", options, () -> {
                executions.incrementAndGet();
                return work;
            }).toCompletableFuture());
        }
        work.complete(new Object());
        assertServedTogether(results.stream().map(CompletableFuture::join).toList());
    }

    @Test
    void aFollowerThatRanItsOwnCallAfterItsMaxWaitLedAnExecutionOfOne() throws Exception {
        Future<Shared<Object>> leader = threads.submit(() -> coalescer.executeShared("k", options, this::slowValue));
        await().atMost(5, TimeUnit.SECONDS).until(() -> executions.get() == 1);
        FlightOptions runAfter50ms = options.withMaxWait(Duration.ofMillis(50), true);

        assertThat(coalescer.executeShared("k", runAfter50ms, () -> "own")).isEqualTo(new Shared<>("own", true, 1));
        assertThat(coalescer.executeSharedUni("k", runAfter50ms, () -> Uni.createFrom().item("own"))
                .await().atMost(Duration.ofSeconds(5))).isEqualTo(new Shared<>("own", true, 1));
        assertThat(coalescer.executeSharedAsync("k", runAfter50ms, () -> CompletableFuture.completedFuture("own"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(new Shared<>("own", true, 1));

        gate.countDown();
        Shared<Object> led = leader.get(10, TimeUnit.SECONDS);
        assertThat(led.led()).isTrue();
        assertThat(led.callers()).as("the three followers joined before giving up").isEqualTo(4);
    }

    @Test
    void aFailureReachesSharedCallersUnwrapped() {
        IOException down = new IOException("down");
        assertThatThrownBy(() -> coalescer.executeShared("k", () -> {
            throw down;
        })).isSameAs(down);
        assertThatThrownBy(() -> coalescer.executeSharedUni("k", () -> Uni.createFrom().failure(down))
                .await().atMost(Duration.ofSeconds(5))).hasCause(down);
        assertThatThrownBy(() -> coalescer.executeSharedAsync("k", () -> CompletableFuture.failedFuture(down))
                .toCompletableFuture().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isSameAs(down);
        assertThat(coalescer.inFlight()).isZero();
    }

    private void assertServedTogether(List<Shared<Object>> shared) {
        assertThat(executions).hasValue(1);
        assertThat(shared).hasSize(CALLERS).allSatisfy(one -> {
            assertThat(one.callers()).isEqualTo(CALLERS);
            assertThat(one.shared()).isTrue();
            assertThat(one.value()).isSameAs(shared.get(0).value());
        });
        assertThat(shared).filteredOn(Shared::led).hasSize(1);
        assertThat(shared).filteredOn(Shared::joined).hasSize(CALLERS - 1);
    }

    private Object slowValue() throws InterruptedException {
        executions.incrementAndGet();
        gate.await(10, TimeUnit.SECONDS);
        return new Object();
    }
}
