package io.github.coalesce.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.coalesce.CoalesceRemoteFailureException;
import io.github.coalesce.CoalesceTimeoutException;

/**
 * The protocol across "instances" (each a {@link ClusterFlights} with its own client and subscription) on the real
 * Redis: one execution per key, failures to every caller, a dead leader replaced, a stolen lease not overwritten.
 */
class ClusterFlightsTest {

    private RedisFixture redis;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void setUp() {
        redis = new RedisFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        threads.shutdownNow();
        redis.close();
    }

    private List<ClusterFlights> instances(int count, ClusterSettings settings) {
        List<ClusterFlights> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instances.add(redis.instance(settings));
        }
        instances.forEach(flights -> await().atMost(Duration.ofSeconds(5)).until(flights::connected));
        return instances;
    }

    private <T> List<Future<T>> concurrently(List<ClusterFlights> instances, ClusterKey key, Callable<T> call) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> results = new ArrayList<>();
        for (ClusterFlights flights : instances) {
            results.add(threads.submit(() -> {
                start.await();
                return ClusterCalls.execute(flights, key, call);
            }));
        }
        start.countDown();
        return results;
    }

    @Test
    void aHerdAcrossInstancesRunsOnceAndEveryInstanceAsksRedisOnce() throws Exception {
        List<ClusterFlights> instances = instances(3, redis.settings());
        AtomicInteger executions = new AtomicInteger();
        ClusterKey key = RedisFixture.key("herd", "h1");
        List<Future<String>> results = concurrently(instances, key, () -> {
            Thread.sleep(300);
            return "run " + executions.incrementAndGet();
        });
        for (Future<String> result : results) {
            assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("run 1");
        }
        assertThat(executions).hasValue(1);
        long leaders = instances.stream().mapToLong(f -> f.stats("herd").leaders()).sum();
        long joins = instances.stream().mapToLong(f -> f.stats("herd").remoteJoins()).sum();
        assertThat(leaders).isEqualTo(1);
        assertThat(joins).isEqualTo(2);
        instances.forEach(f -> assertThat(f.stats("herd").acquires()).isEqualTo(1));
        assertThat(instances.stream().mapToLong(f -> f.stats("herd").viaPubSub()).sum())
                .as("woken by the notice, not the poll timer").isEqualTo(2);
    }

    @Test
    void aResultFoundStoredAtTheFirstAskIsCountedAsStoredNeverAsAPoll() throws Exception {
        List<ClusterFlights> instances = instances(2, redis.settings());
        ClusterKey key = RedisFixture.key("stored", "s1");
        assertThat(ClusterCalls.execute(instances.get(0), key, () -> "first")).isEqualTo("first");
        assertThat(ClusterCalls.execute(instances.get(1), key, () -> "second")).as("within result-ttl")
                .isEqualTo("first");
        ClusterStats follower = instances.get(1).stats("stored");
        assertThat(follower.remoteJoins()).isEqualTo(1);
        assertThat(follower.stored()).isEqualTo(1);
        assertThat(follower.viaPoll()).as("nobody waited, so no poll timer fired").isZero();
        assertThat(follower.viaPubSub()).isZero();
    }

    @Test
    void aFailureReachesEveryInstanceAndIsNotStored() throws Exception {
        List<ClusterFlights> instances = instances(3, redis.settings());
        AtomicInteger executions = new AtomicInteger();
        ClusterKey key = RedisFixture.key("fails", "f1");
        List<Future<String>> results = concurrently(instances, key, () -> {
            executions.incrementAndGet();
            Thread.sleep(300);
            throw new IllegalStateException("database on fire");
        });
        int local = 0;
        int remote = 0;
        for (Future<String> result : results) {
            try {
                result.get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof CoalesceRemoteFailureException failure) {
                    assertThat(failure.remoteType()).isEqualTo(IllegalStateException.class.getName());
                    assertThat(failure).hasMessageContaining("database on fire");
                    remote++;
                } else {
                    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("database on fire");
                    local++;
                }
            }
        }
        assertThat(local).isEqualTo(1);
        assertThat(remote).isEqualTo(2);
        assertThat(executions).hasValue(1);
        assertThat(RedisFixture.cli("EXISTS", redis.prefix + "{f1}:result")).isEqualTo("0");
        assertThat(ClusterCalls.execute(instances.get(1), key, () -> "next")).as("the next call runs anew")
                .isEqualTo("next");
    }

    @Test
    void aDeadLeaderIsReplacedWithinLeaseTtlPlusPollInterval() throws Exception {
        ClusterSettings settings = RedisFixture.withTimings(redis.settings(), Duration.ofMillis(600),
                Duration.ofMillis(100));
        ClusterFlights follower = instances(1, settings).get(0);
        ClusterKey key = RedisFixture.key("dead", "d1");
        // A leader that took the lease and died: nobody renews it, nobody completes it.
        RedisFixture.cli("SET", redis.prefix + "{d1}:lease", "dead-token", "PX", "600");
        long start = System.nanoTime();
        String value = ClusterCalls.execute(follower, key, () -> "re-elected");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(value).isEqualTo("re-elected");
        assertThat(tookMillis).isLessThan(600 + 100 + 150);
        assertThat(follower.stats("dead").reElections()).isEqualTo(1);
    }

    @Test
    void aWaiterWaitsOnAHeldLeaseNoLongerThanMaxWaitThenRunsTheCallItself() throws Exception {
        ClusterFlights follower = instances(1, redis.settings()).get(0);
        ClusterKey key = RedisFixture.key("held", "w1");
        // A leader that lives (its lease held for 10 s) but never finishes.
        RedisFixture.cli("SET", redis.prefix + "{w1}:lease", "live-token", "PX", "10000");
        long start = System.nanoTime();
        String value = ClusterCalls.execute(follower, key, new ClusterCalls.MaxWait(Duration.ofMillis(400), true, "w1"),
                () -> "own", () -> {
                });
        long tookNanos = System.nanoTime() - start;
        assertThat(value).isEqualTo("own");
        // In ns: never re-decided before max-wait, not even by the fraction of a ms a rounding would lose.
        assertThat(tookNanos).as("max-wait 400 ms, then one more ask")
                .isBetween(Duration.ofMillis(400).toNanos(), Duration.ofMillis(400 + 150).toNanos());
        assertThat(follower.stats("held").fallbacks(ClusterStats.Fallback.MAX_WAIT)).isEqualTo(1);
        assertThat(follower.stats("held").rechecks()).as("it asked again within max-wait").isPositive();
    }

    @Test
    void aWaiterNeverReDecidesBeforeItsMaxWait() throws Exception {
        ClusterFlights follower = instances(1, redis.settings()).get(0);
        Duration maxWait = Duration.ofMillis(60);
        for (int round = 0; round < 10; round++) {
            ClusterKey key = RedisFixture.key("held-early", "e" + round);
            RedisFixture.cli("SET", redis.prefix + "{e" + round + "}:lease", "live-token", "PX", "10000");
            long start = System.nanoTime();
            ClusterCalls.execute(follower, key, new ClusterCalls.MaxWait(maxWait, true, "e"), () -> "own", () -> {
            });
            // Not even the fraction of a ms that a rest rounded down to whole ms would lose.
            assertThat(System.nanoTime() - start).as("round %d", round).isGreaterThanOrEqualTo(maxWait.toNanos());
        }
    }

    @Test
    void aWaiterWhoseMethodFailsAtMaxWaitGetsTheTimeoutAndRunsNothing() throws Exception {
        ClusterFlights follower = instances(1, redis.settings()).get(0);
        ClusterKey key = RedisFixture.key("held-fail", "f1");
        RedisFixture.cli("SET", redis.prefix + "{f1}:lease", "live-token", "PX", "10000");
        AtomicInteger executions = new AtomicInteger();
        ClusterCalls.MaxWait fail = new ClusterCalls.MaxWait(Duration.ofMillis(200), false, "f1");

        assertThatThrownBy(() -> ClusterCalls.execute(follower, key, fail, () -> "own " + executions.incrementAndGet(),
                () -> {
                })).isInstanceOf(CoalesceTimeoutException.class).hasMessageContaining("f1");
        assertThat(ClusterCalls.executeAsync(follower, key, fail, () -> CompletableFuture.completedFuture(
                "own " + executions.incrementAndGet()), Runnable::run, () -> {
                }).toCompletableFuture()).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .withCauseInstanceOf(CoalesceTimeoutException.class);
        assertThat(executions).as("onMaxWait = FAIL runs nothing on this instance").hasValue(0);
    }

    @Test
    void aLeaseFoundGoneBeforeItsRenewalTimerIsHandedOverCancelsTheTimerAtOnce() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            Lease lease = new Lease();
            // The confirming RENEW answered 0 first: the lease is stopped before renewWith runs.
            lease.markLost();
            lease.stop();
            lease.renewWith(timer.scheduleAtFixedRate(() -> {
            }, 1, 1, TimeUnit.SECONDS));
            assertThat(lease.renewing()).as("no renewal of a lease already gone").isFalse();
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void aStolenLeaseDoesNotLetTheOldLeaderOverwriteTheNewResult() throws Exception {
        List<ClusterFlights> instances = instances(2, redis.settings());
        ClusterKey key = RedisFixture.key("stolen", "s1");
        CountDownLatch oldLeaderRunning = new CountDownLatch(1);
        CountDownLatch newLeaderDone = new CountDownLatch(1);
        Future<String> old = threads.submit(() -> ClusterCalls.execute(instances.get(0), key, () -> {
            oldLeaderRunning.countDown();
            newLeaderDone.await(5, TimeUnit.SECONDS);
            return "old";
        }));
        oldLeaderRunning.await(5, TimeUnit.SECONDS);
        RedisFixture.cli("DEL", redis.prefix + "{s1}:lease");
        assertThat(ClusterCalls.execute(instances.get(1), key, () -> "new")).isEqualTo("new");
        newLeaderDone.countDown();
        assertThat(old.get(5, TimeUnit.SECONDS)).as("the old leader's own callers get its value").isEqualTo("old");
        assertThat(RedisFixture.cli("GET", redis.prefix + "{s1}:result")).isEqualTo("\"new\"");
        assertThat(instances.get(0).stats("stolen").leaseLost()).isEqualTo(1);
    }

    @Test
    void aResultOverTheSizeLimitIsNotStoredAndItsFollowersRunTheCall() throws Exception {
        ClusterSettings base = redis.settings();
        ClusterSettings small = new ClusterSettings(base.keyPrefix(), base.leaseTtl(), base.pollInterval(),
                base.resultTtl(), base.redisTimeout(), 16, true, 5, base.breakerCoolDown());
        List<ClusterFlights> instances = instances(2, small);
        AtomicInteger executions = new AtomicInteger();
        ClusterKey key = RedisFixture.key("large", "l1");
        List<Future<String>> results = concurrently(instances, key, () -> {
            Thread.sleep(200);
            executions.incrementAndGet();
            return "x".repeat(100);
        });
        for (Future<String> result : results) {
            assertThat(result.get(5, TimeUnit.SECONDS)).hasSize(100);
        }
        assertThat(executions).hasValue(2);
        assertThat(instances.stream().mapToLong(f -> f.stats("large").fallbacks(ClusterStats.Fallback.RESULT_TOO_LARGE))
                .sum()).isEqualTo(2);
    }

    @Test
    void reactiveCallsShareTheExecutionToo() throws Exception {
        List<ClusterFlights> instances = instances(2, redis.settings());
        AtomicInteger executions = new AtomicInteger();
        ClusterKey key = RedisFixture.key("async", "a1");
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (ClusterFlights flights : instances) {
            results.add(ClusterCalls.<String> executeAsync(flights, key, () -> CompletableFuture.supplyAsync(() -> {
                executions.incrementAndGet();
                sleep(300);
                return "async";
            }), Runnable::run).toCompletableFuture());
        }
        for (CompletableFuture<String> result : results) {
            assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("async");
        }
        assertThat(executions).hasValue(1);
    }

    @Test
    void theBreakerSkipsAnUnreachableRedisAfterFailuresInARow() throws Exception {
        ClusterSettings base = redis.settings();
        int port = RedisFixture.freePort(); // nothing listens there
        ClusterFlights flights = redis.instance("redis://127.0.0.1:" + port, base);
        ClusterKey key = RedisFixture.key("away", "w1");
        for (int i = 0; i < base.breakerFailures(); i++) {
            long start = System.nanoTime();
            assertThat(ClusterCalls.execute(flights, key, () -> "local")).isEqualTo("local");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .isLessThan(base.redisTimeout().toMillis() + 200);
        }
        assertThat(flights.breakerOpen()).isTrue();
        long start = System.nanoTime();
        assertThat(ClusterCalls.execute(flights, key, () -> "skipped")).isEqualTo("skipped");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(50);
        assertThat(flights.stats("away").fallbacks(ClusterStats.Fallback.BREAKER_OPEN)).isEqualTo(1);
        assertThat(flights.stats("away").fallbacks(ClusterStats.Fallback.REDIS_ERROR)).isEqualTo(base.breakerFailures());
    }

    @Test
    void failClosedThrowsInsteadOfRunningLocally() {
        ClusterSettings base = redis.settings();
        ClusterSettings failing = new ClusterSettings(base.keyPrefix(), base.leaseTtl(), base.pollInterval(),
                base.resultTtl(), base.redisTimeout(), base.maxResultSize(), false, 5, base.breakerCoolDown());
        ClusterFlights flights = redis.instance("redis://127.0.0.1:" + RedisFixture.freePort(), failing);
        assertThatThrownBy(() -> ClusterCalls.execute(flights, RedisFixture.key("closed", "c1"), () -> "never"))
                .isInstanceOf(io.github.coalesce.CoalesceClusterUnavailableException.class);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
