package io.github.coalesce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/**
 * The maximum-wait rule in the reactive forms: a follower past its wait fails with {@link CoalesceTimeoutException}
 * (FAIL) or runs its own call (RUN), while the flight goes on for the others.
 */
class MaxWaitTest {

    static final Duration WAIT = Duration.ofMillis(100);

    private Coalescer coalescer;
    private AtomicInteger maxWaits;
    private FlightOptions fail;
    private FlightOptions run;
    private CompletableFuture<String> leaderWork;

    @BeforeEach
    void setUp() {
        coalescer = new Coalescer();
        maxWaits = new AtomicInteger();
        FlightOptions observed = FlightOptions.DEFAULTS.withObserver(new FlightObserver() {
            @Override
            public void onMaxWait(Object key) {
                maxWaits.incrementAndGet();
            }
        });
        fail = observed.withMaxWait(WAIT, false);
        run = observed.withMaxWait(WAIT, true);
        leaderWork = new CompletableFuture<>();
    }

    @Test
    void aStageFollowerPastItsMaxWaitFailsAndTheLeaderGoesOn() {
        CompletableFuture<String> leader = coalescer.executeAsync("k", fail, () -> leaderWork).toCompletableFuture();
        long started = System.nanoTime();
        CompletableFuture<String> follower = coalescer.<String> executeAsync("k", fail,
                () -> CompletableFuture.completedFuture("never run")).toCompletableFuture();

        assertThatThrownBy(() -> follower.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CoalesceTimeoutException.class).hasMessageContaining("k");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(WAIT);
        assertThat(maxWaits).hasValue(1);
        assertThat(leader).isNotDone();
        leaderWork.complete("shared");
        assertThat(leader.join()).isEqualTo("shared");
        assertThat(follower).isCompletedExceptionally();
    }

    @Test
    void aStageFollowerPastItsMaxWaitRunsItsOwnCallAndTheLeaderGoesOn() throws Exception {
        AtomicInteger ownCalls = new AtomicInteger();
        CompletableFuture<String> leader = coalescer.executeAsync("k", run, () -> leaderWork).toCompletableFuture();
        CompletableFuture<String> follower = coalescer.<String> executeAsync("k", run, () -> {
            ownCalls.incrementAndGet();
            return CompletableFuture.completedFuture("own");
        }).toCompletableFuture();

        assertThat(follower.get(5, TimeUnit.SECONDS)).isEqualTo("own");
        assertThat(ownCalls).hasValue(1);
        assertThat(maxWaits).hasValue(1);
        assertThat(leader).isNotDone();
        leaderWork.complete("shared");
        assertThat(leader.join()).isEqualTo("shared");
        assertThat(follower.join()).as("the flight's outcome does not replace the own one").isEqualTo("own");
    }

    @Test
    void aStageFollowerServedInTimeNeverRunsItsOwnCall() throws Exception {
        CompletableFuture<String> leader = coalescer.executeAsync("k", run, () -> leaderWork).toCompletableFuture();
        CompletableFuture<String> follower = coalescer.<String> executeAsync("k", run,
                () -> CompletableFuture.completedFuture("own")).toCompletableFuture();
        leaderWork.complete("shared");
        assertThat(follower.get(5, TimeUnit.SECONDS)).isEqualTo("shared");
        Thread.sleep(WAIT.toMillis() * 2);
        assertThat(maxWaits).hasValue(0);
        assertThat(leader.join()).isEqualTo("shared");
    }

    @Test
    void aUniFollowerPastItsMaxWaitFailsAndTheLeaderGoesOn() {
        CompletableFuture<String> leader = coalescer.executeUni("k", fail,
                () -> Uni.createFrom().completionStage(leaderWork)).subscribeAsCompletionStage();
        AtomicInteger ownCalls = new AtomicInteger();
        Uni<String> follower = coalescer.executeUni("k", fail, () -> {
            ownCalls.incrementAndGet();
            return Uni.createFrom().item("never run");
        });

        assertThatThrownBy(() -> follower.await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(CoalesceTimeoutException.class).hasMessageContaining("k");
        assertThat(ownCalls).hasValue(0);
        assertThat(maxWaits).hasValue(1);
        assertThat(coalescer.callers("k")).as("the follower left; the leader is still there").isEqualTo(2);
        assertThat(leader).isNotDone();
        leaderWork.complete("shared");
        assertThat(leader.join()).isEqualTo("shared");
        assertThat(coalescer.inFlight()).isZero();
    }
}
