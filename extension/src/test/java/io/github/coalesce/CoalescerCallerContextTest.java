package io.github.coalesce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/**
 * A reactive follower resumes in the context it joined from, not on the thread that completed the leader; after its
 * maximum wait its own call runs there too. The contexts here are single threads, each a {@link Loop}: what a Vert.x
 * event loop is to the extension's {@link CallerContext}.
 */
class CoalescerCallerContextTest {

    private static final ThreadLocal<Loop> CURRENT = new ThreadLocal<>();
    private static final CallerContext LOOPS = () -> {
        Loop loop = CURRENT.get();
        return loop == null ? null : loop::execute;
    };
    private static final Duration WAIT = Duration.ofMillis(100);

    private final Loop leaderLoop = new Loop("leader-loop");
    private final Loop followerLoop = new Loop("follower-loop");
    private final Loop completing = new Loop("completing");
    private final Coalescer coalescer = new Coalescer(FlightOptions.DEFAULTS, LOOPS);
    private final CompletableFuture<String> work = new CompletableFuture<>();

    @AfterEach
    void tearDown() {
        work.complete("released");
        leaderLoop.close();
        followerLoop.close();
        completing.close();
    }

    @Test
    void aUniFollowerGetsTheItemOnItsOwnLoop() throws Exception {
        CompletableFuture<String> leader = subscribeUni(leaderLoop, FlightOptions.DEFAULTS, this::shared);
        await().until(() -> coalescer.callers("k") == 1);
        CompletableFuture<String> follower = subscribeUni(followerLoop, FlightOptions.DEFAULTS, this::shared);
        await().until(() -> coalescer.callers("k") == 2);
        completing.execute(() -> work.complete("shared"));

        assertThat(follower.get(5, TimeUnit.SECONDS)).isEqualTo("shared on follower-loop");
        // The leader gets it where its own call emitted it, as it would uncoalesced.
        assertThat(leader.get(5, TimeUnit.SECONDS)).isEqualTo("shared on completing");
    }

    @Test
    void aStageFollowerCompletesOnItsOwnLoop() throws Exception {
        CompletableFuture<String> leader = callStage(leaderLoop, FlightOptions.DEFAULTS, () -> work);
        await().until(() -> coalescer.callers("k") == 1);
        CompletableFuture<String> follower = callStage(followerLoop, FlightOptions.DEFAULTS, () -> work);
        await().until(() -> coalescer.callers("k") == 2);
        completing.execute(() -> work.complete("shared"));

        assertThat(follower.get(5, TimeUnit.SECONDS)).isEqualTo("shared on follower-loop");
        assertThat(leader.get(5, TimeUnit.SECONDS)).isEqualTo("shared on completing");
    }

    @Test
    void aUniFollowerPastItsMaxWaitRunsItsOwnCallOnItsOwnLoop() throws Exception {
        FlightOptions run = FlightOptions.DEFAULTS.withMaxWait(WAIT, true);
        subscribeUni(leaderLoop, run, this::shared);
        await().until(() -> coalescer.callers("k") == 1);
        CompletableFuture<String> follower = subscribeUni(followerLoop, run,
                () -> Uni.createFrom().item("own call ran on " + Thread.currentThread().getName()));

        assertThat(follower.get(5, TimeUnit.SECONDS)).isEqualTo("own call ran on follower-loop on follower-loop");
    }

    @Test
    void aStageFollowerPastItsMaxWaitRunsItsOwnCallOnItsOwnLoop() throws Exception {
        FlightOptions run = FlightOptions.DEFAULTS.withMaxWait(WAIT, true);
        callStage(leaderLoop, run, () -> work);
        await().until(() -> coalescer.callers("k") == 1);
        CompletableFuture<String> follower = callStage(followerLoop, run,
                () -> CompletableFuture.completedFuture("own call ran on " + Thread.currentThread().getName()));

        assertThat(follower.get(5, TimeUnit.SECONDS)).isEqualTo("own call ran on follower-loop on follower-loop");
    }

    @Test
    void aStageFollowerWhoseResultArrivesAfterItsMaxWaitFiredGetsItsOwnCallOnly() throws Exception {
        // The follower's context runs what it is handed later, and newest first (as a loop runs a task inline that
        // arrives while it is on it): the flight's outcome must not overtake a max wait that already fired.
        Deque<Runnable> handedOff = new ConcurrentLinkedDeque<>();
        AtomicInteger maxWaits = new AtomicInteger();
        AtomicInteger ownCalls = new AtomicInteger();
        FlightOptions run = FlightOptions.DEFAULTS.withMaxWait(Duration.ofMillis(50), true)
                .withObserver(new FlightObserver() {
                    @Override
                    public void onMaxWait(Object key) {
                        maxWaits.incrementAndGet();
                    }
                });
        Coalescer held = new Coalescer(FlightOptions.DEFAULTS, () -> handedOff::push);
        held.executeAsync("k", run, () -> work);
        CompletableFuture<String> follower = held.executeAsync("k", run, () -> {
            ownCalls.incrementAndGet();
            return CompletableFuture.completedFuture("own");
        }).toCompletableFuture();
        await().until(() -> handedOff.size() == 1);
        work.complete("shared");
        while (!handedOff.isEmpty()) {
            handedOff.pop().run();
        }

        assertThat(follower.getNow(null)).isEqualTo("own");
        assertThat(ownCalls).hasValue(1);
        assertThat(maxWaits).hasValue(1);
    }

    private Uni<String> shared() {
        return Uni.createFrom().completionStage(work);
    }

    /** Subscribes on {@code loop}; the result says on which thread the subscriber's next step ran. */
    private CompletableFuture<String> subscribeUni(Loop loop, FlightOptions options, Supplier<Uni<String>> call) {
        CompletableFuture<String> result = new CompletableFuture<>();
        loop.execute(() -> coalescer.executeUni("k", options, call)
                .map(value -> value + " on " + Thread.currentThread().getName())
                .subscribe().with(result::complete, result::completeExceptionally));
        return result;
    }

    private CompletableFuture<String> callStage(Loop loop, FlightOptions options,
            Supplier<CompletionStage<String>> call) {
        CompletableFuture<String> result = new CompletableFuture<>();
        loop.execute(() -> coalescer.executeAsync("k", options, call)
                .thenApply(value -> value + " on " + Thread.currentThread().getName())
                .whenComplete((value, failure) -> {
                    if (failure == null) {
                        result.complete(value);
                    } else {
                        result.completeExceptionally(failure);
                    }
                }));
        return result;
    }

    /** One thread that knows it is its own context, like an event loop. */
    private static final class Loop implements AutoCloseable {

        private final ExecutorService thread;

        Loop(String name) {
            thread = Executors.newSingleThreadExecutor(task -> new Thread(() -> {
                CURRENT.set(this);
                task.run();
            }, name));
        }

        void execute(Runnable task) {
            if (CURRENT.get() == this) {
                task.run();
            } else {
                thread.execute(task);
            }
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }
}
