package io.github.coalesce.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol when Redis misbehaves, on a private {@code redis-server} (killed, or its subscriptions killed, without
 * touching the shared one): no lost wake-up, no request slower than the Redis timeout, coalescing back afterwards.
 */
class ClusterFaultsTest {

    private RedisFixture redis;
    private RedisFixture.PrivateRedis server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void setUp() throws Exception {
        redis = new RedisFixture();
        server = new RedisFixture.PrivateRedis().start();
    }

    @AfterEach
    void tearDown() throws Exception {
        threads.shutdownNow();
        redis.close();
        server.close();
    }

    private String cli(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port)));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        process.waitFor(10, TimeUnit.SECONDS);
        return output;
    }

    @Test
    void noFollowerWaitsLongerThanThePollIntervalEvenWithItsSubscriptionKilled() throws Exception {
        ClusterSettings settings = redis.settings();
        ClusterFlights a = redis.instance(server.uri(), settings);
        ClusterFlights b = redis.instance(server.uri(), settings);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.connected() && b.connected());
        long slowestMillis = 0;
        AtomicInteger executions = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            if (i == 500) {
                assertThat(cli("CLIENT", "KILL", "TYPE", "pubsub")).isNotEqualTo("0");
            }
            ClusterKey key = RedisFixture.key("wakeup", "k" + i);
            CountDownLatch start = new CountDownLatch(1);
            Future<Long> first = threads.submit(() -> timed(start, a, key, executions));
            Future<Long> second = threads.submit(() -> timed(start, b, key, executions));
            start.countDown();
            slowestMillis = Math.max(slowestMillis, Math.max(first.get(5, TimeUnit.SECONDS),
                    second.get(5, TimeUnit.SECONDS)));
        }
        assertThat(slowestMillis).as("slowest call, ms").isLessThan(settings.pollInterval().toMillis() + 100);
        for (ClusterFlights flights : List.of(a, b)) {
            assertThat(flights.stats("wakeup").fallbacks(ClusterStats.Fallback.REDIS_ERROR)).as("no timeouts")
                    .isZero();
        }
        // Coalescing across instances: each flight ran once for both (twice would mean each ran its own).
        assertThat(executions.get()).as("executions of 1000 flights on two instances").isEqualTo(1000);
        assertThat(a.stats("wakeup").leaders() + b.stats("wakeup").leaders()).as("leaders").isEqualTo(1000);
        assertThat(a.stats("wakeup").remoteJoins() + b.stats("wakeup").remoteJoins()).as("remote joins")
                .isEqualTo(1000);
        await("the subscriptions are back").atMost(Duration.ofSeconds(5)).until(() -> a.connected()
                && b.connected());
    }

    private static long timed(CountDownLatch start, ClusterFlights flights, ClusterKey key, AtomicInteger executions)
            throws Exception {
        start.await();
        long begin = System.nanoTime();
        ClusterCalls.execute(flights, key, () -> "run " + executions.incrementAndGet());
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
    }

    @Test
    void redisKilledMidRunTurnsCallsLocalOnlyAndCoalescingResumesAfterItsRestart() throws Exception {
        ClusterSettings settings = redis.settings();
        ClusterFlights a = redis.instance(server.uri(), settings);
        ClusterFlights b = redis.instance(server.uri(), settings);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.connected() && b.connected());
        AtomicInteger executions = new AtomicInteger();
        assertThat(herd(a, b, "before", executions)).isEqualTo(1);

        server.kill();
        for (int i = 0; i < 20; i++) {
            long begin = System.nanoTime();
            assertThat(ClusterCalls.execute(a, RedisFixture.key("down", "d" + i), () -> "local")).isEqualTo("local");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin))
                    .as("a call while Redis is down, ms").isLessThan(settings.redisTimeout().toMillis() + 100);
        }
        assertThat(a.connected()).isFalse();

        server.start();
        await("the subscriptions are back").atMost(Duration.ofSeconds(15))
                .until(() -> a.connected() && b.connected());
        await().atMost(Duration.ofSeconds(10)).until(() -> !a.breakerOpen() && !b.breakerOpen());
        executions.set(0);
        assertThat(herd(a, b, "after", executions)).as("executions of a herd after the restart").isEqualTo(1);
    }

    @Test
    void theLeaseOfAnAcquireItsCallerGaveUpOnLapsesWithinTheRedisTimeoutAfterRedisContinues() throws Exception {
        ClusterSettings settings = redis.settings();
        ClusterFlights a = redis.instance(server.uri(), settings);
        ClusterFlights b = redis.instance(server.uri(), settings);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.connected() && b.connected());
        ClusterKey key = RedisFixture.key("paused", "p1");

        server.pause();
        assertThat(ClusterCalls.execute(a, key, () -> "local")).as("the caller gives up after redis-timeout")
                .isEqualTo("local");
        assertThat(a.stats("paused").fallbacks(ClusterStats.Fallback.REDIS_ERROR)).isEqualTo(1);
        Thread.sleep(500);
        server.resume();
        // The queued acquire runs now, before anything sent later, and takes the lease with a token nobody confirms.
        long begin = System.nanoTime();
        assertThat(ClusterCalls.execute(b, key, () -> "led by b")).isEqualTo("led by b");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin)).as("the next flight, ms")
                .isLessThan(settings.redisTimeout().toMillis() + 150);
        assertThat(b.stats("paused").leaders()).isEqualTo(1);
        assertThat(b.stats("paused").reElections()).as("it waited for the lapsed lease, then took it").isEqualTo(1);
    }

    private int herd(ClusterFlights a, ClusterFlights b, String hash, AtomicInteger executions) throws Exception {
        ClusterKey key = RedisFixture.key("restart", hash);
        CountDownLatch start = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> {
            start.await();
            return ClusterCalls.execute(a, key, () -> slow(executions));
        });
        Future<String> second = threads.submit(() -> {
            start.await();
            return ClusterCalls.execute(b, key, () -> slow(executions));
        });
        start.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(second.get(5, TimeUnit.SECONDS));
        return executions.get();
    }

    private static String slow(AtomicInteger executions) throws InterruptedException {
        Thread.sleep(200);
        return "run " + executions.incrementAndGet();
    }
}
