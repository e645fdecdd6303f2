package io.github.coalesce.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Redis that stops answering without closing anything: two packaged sample apps share a private {@code redis-server}
 * that is stopped ({@code SIGSTOP}) for four seconds while four callers per instance keep asking
 * {@code GET /metadata} ({@code @Coalesce(scope = CLUSTER)}, 200 ms), then continued ({@code SIGCONT}). The scripts
 * the clients gave up on during the pause run once Redis continues; none of them may leave a lease that makes a
 * later request wait. Every request, during the pause and after it, answers 200 within {@code poll-interval} (a
 * caller already waiting on the other instance's lease when Redis stops asks again only then) + {@code redis-timeout}
 * + the method + {@link #MARGIN_MILLIS}; the breaker opened on both instances; a herd across both runs once again.
 * {@code max-wait} is 30 s here, so that it cannot hide a lease nobody holds.
 */
class ClusterRedisPauseIT {

    private static final Pattern EXECUTIONS = Pattern.compile(
            "coalesce_executions_total\\{[^}]*method=\"site-metadata\"[^}]*} ([0-9.E]+)");
    private static final Pattern BREAKER_OPEN = Pattern.compile(
            "(?m)^coalesce_cluster_breaker_open(?:\\{[^}]*})? ([0-9.E]+)"); // not its HELP line, "1 while..."
    private static final long METHOD_MILLIS = 200;
    private static final long REDIS_TIMEOUT_MILLIS = 250;
    /** The HTTP round trip and a 2-core machine running other builds, as in {@link ClusterRedisOutageIT}. */
    private static final long MARGIN_MILLIS = 300;
    /** The sample's {@code quarkus.coalesce.cluster.poll-interval}. */
    private static final long POLL_INTERVAL_MILLIS = 250;
    private static final long BOUND_MILLIS = POLL_INTERVAL_MILLIS + REDIS_TIMEOUT_MILLIS + METHOD_MILLIS
            + MARGIN_MILLIS;

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** One answered request: when it started (ms since the pause), how long it took, its status. */
    private record Answer(long startedMillis, long tookMillis, int status) {
    }

    @Test
    void aPausedRedisNeverMakesARequestWaitAndLeavesNoLeaseBehind() throws Exception {
        PrivateRedis redis = new PrivateRedis("cluster-redis-pause").start();
        try (redis;
                SampleCluster cluster = new SampleCluster("cluster-redis-pause", 2, redis.url(),
                        Map.of("BLOG_METADATA_EXTRA_COST", METHOD_MILLIS + "ms", "QUARKUS_COALESCE_MAX_WAIT", "30s"))) {
            for (int port : cluster.ports) {
                assertThat(SampleCluster.get(port, "/metadata").statusCode()).isEqualTo(200);
            }
            Thread.sleep(2_500); // past result-ttl
            assertThat(cluster.herdExecutions(EXECUTIONS, threads)).as("a herd with Redis up").isEqualTo(1.0);

            AtomicBoolean loading = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            long pausedAt = System.nanoTime();
            List<Future<?>> callers = new ArrayList<>();
            for (int port : cluster.ports) {
                for (int i = 0; i < 4; i++) {
                    callers.add(threads.submit(() -> call(port, pausedAt, loading, answers)));
                }
            }
            Thread.sleep(300); // under load before the pause
            redis.pause();
            // Five timeouts in a row (each flight 250 ms + the method) open each instance's breaker.
            Thread.sleep(3_200);
            assertThat(cluster.metric(BREAKER_OPEN).values()).as("breaker open on both instances while paused")
                    .containsOnly(1.0);
            Thread.sleep(800);
            long continuedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt);
            redis.resume();
            // Past the breaker's cool-down (5 s from its opening), so that requests go through Redis again.
            Thread.sleep(7_000);
            loading.set(false);
            for (Future<?> caller : callers) {
                caller.get(30, TimeUnit.SECONDS); // none hung
            }

            List<Answer> after = answers.stream().filter(a -> a.startedMillis() >= continuedMillis).toList();
            Answer slowest = answers.stream().max((x, y) -> Long.compare(x.tookMillis(), y.tookMillis())).orElseThrow();
            Answer slowestAfter = after.stream().max((x, y) -> Long.compare(x.tookMillis(), y.tookMillis()))
                    .orElseThrow();
            System.out.printf("CLUSTER redis paused: %d requests (%d after SIGCONT at %d ms), slowest %d ms (started "
                    + "at %d ms), slowest after SIGCONT %d ms (started at %d ms)%n", answers.size(), after.size(),
                    continuedMillis, slowest.tookMillis(), slowest.startedMillis(), slowestAfter.tookMillis(),
                    slowestAfter.startedMillis());
            assertThat(answers).as("every request answered").allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
            assertThat(after).as("requests after SIGCONT").hasSizeGreaterThan(8);
            assertThat(slowestAfter.tookMillis()).as("slowest request after SIGCONT, ms (started at %d ms)",
                    slowestAfter.startedMillis()).isLessThanOrEqualTo(BOUND_MILLIS);
            assertThat(slowest.tookMillis()).as("slowest request, ms (started at %d ms)", slowest.startedMillis())
                    .isLessThanOrEqualTo(BOUND_MILLIS);

            assertThat(cluster.metric(BREAKER_OPEN).values()).as("breaker closed again").containsOnly(0.0);
            Thread.sleep(2_500); // past result-ttl
            assertThat(cluster.herdExecutions(EXECUTIONS, threads)).as("a herd after SIGCONT").isEqualTo(1.0);
        } finally {
            threads.shutdownNow();
        }
    }

    private static Void call(int port, long pausedAt, AtomicBoolean loading, ConcurrentLinkedQueue<Answer> answers)
            throws Exception {
        while (loading.get()) {
            long started = System.nanoTime();
            HttpResponse<String> response = SampleCluster.get(port, "/metadata");
            answers.add(new Answer(TimeUnit.NANOSECONDS.toMillis(started - pausedAt),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), response.statusCode()));
        }
        return null;
    }
}
