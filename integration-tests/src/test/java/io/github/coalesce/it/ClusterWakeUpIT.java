package io.github.coalesce.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * No lost wake-up across instances: three packaged sample apps on a private {@code redis-server}, 1000 flights of
 * {@code GET /metadata} with no extra cost (a few milliseconds, the widest race between a follower's "wait" reply and
 * the leader's notice), one request per instance released together, a new flight each time ({@code result-ttl}
 * 10 ms). Half-way, {@code CLIENT KILL TYPE pubsub} drops every notice subscription. No request fails or waits longer
 * than {@code poll-interval} (plus the method and slack); while subscribed, every remote result came through a notice
 * or was found stored at the first ask (none needed the poll timer); no Redis call timed out; the subscriptions
 * come back.
 */
class ClusterWakeUpIT {

    private static final String METRIC = "\\{[^}]*method=\"site-metadata\"[^}]*} ([0-9.E]+)";
    private static final Pattern VIA_POLL = Pattern.compile(
            "coalesce_cluster_results_total\\{[^}]*via=\"poll\"[^}]*} ([0-9.E]+)");
    private static final Pattern VIA_PUBSUB = Pattern.compile(
            "coalesce_cluster_results_total\\{[^}]*via=\"pubsub\"[^}]*} ([0-9.E]+)");
    private static final Pattern LEADERS = Pattern.compile("coalesce_cluster_leaders_total" + METRIC);
    private static final Pattern FALLBACKS = Pattern.compile("coalesce_cluster_fallbacks_total" + METRIC);
    private static final int FLIGHTS = 1000;
    private static final long POLL_INTERVAL_MILLIS = 250;

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @Test
    void everyFollowerIsWokenByItsNoticeOrWithinThePollIntervalAcrossAPubSubKill() throws Exception {
        try (PrivateRedis redis = new PrivateRedis("cluster-wake-up").start();
                SampleCluster cluster = new SampleCluster("cluster-wake-up", 3, redis.url(), Map.of(
                        "BLOG_METADATA_EXTRA_COST", "0ms",
                        "QUARKUS_COALESCE_CLUSTER_RESULT_TTL", "10ms",
                        // Room for a 2-core CI machine running three JVMs; a timeout would show as a fallback.
                        "QUARKUS_COALESCE_CLUSTER_REDIS_TIMEOUT", "1s"))) {
            for (int round = 0; round < 50; round++) {
                round(cluster); // warm-up: JIT and pools
            }
            Map<Integer, Double> pollBefore = cluster.metric(VIA_POLL);
            Map<Integer, Double> pubSubBefore = cluster.metric(VIA_PUBSUB);
            Map<Integer, Double> leadersBefore = cluster.metric(LEADERS);
            Map<Integer, Double> fallbacksBefore = cluster.metric(FALLBACKS);
            long slowest = 0;
            double pollWhileSubscribed = 0;
            for (int flight = 0; flight < FLIGHTS; flight++) {
                if (flight == FLIGHTS / 2) {
                    pollWhileSubscribed = SampleCluster.grown(pollBefore, cluster.metric(VIA_POLL));
                    Object killed = Resp.command(redis.port, "CLIENT", "KILL", "TYPE", "pubsub");
                    System.out.printf("CLUSTER wake-up: CLIENT KILL TYPE pubsub closed %s connections%n", killed);
                }
                slowest = Math.max(slowest, round(cluster));
                Thread.sleep(12); // past result-ttl: the next round is a new flight
            }
            double viaPoll = SampleCluster.grown(pollBefore, cluster.metric(VIA_POLL));
            double viaPubSub = SampleCluster.grown(pubSubBefore, cluster.metric(VIA_PUBSUB));
            double leaders = SampleCluster.grown(leadersBefore, cluster.metric(LEADERS));
            double fallbacks = SampleCluster.grown(fallbacksBefore, cluster.metric(FALLBACKS));
            System.out.printf("CLUSTER wake-up: %d rounds, %.0f leaders, remote results %.0f via pub/sub and %.0f via"
                    + " poll (%.0f while subscribed), %.0f fallbacks, slowest request %d ms%n", FLIGHTS, leaders,
                    viaPubSub, viaPoll, pollWhileSubscribed, fallbacks, slowest);

            assertThat(pollWhileSubscribed).as("remote results that needed the poll timer while subscribed")
                    .isEqualTo(0.0);
            assertThat(viaPubSub).as("followers woken by a notice").isGreaterThan(0.0);
            assertThat(fallbacks).as("flights that ran local-only (a Redis call failed or timed out)").isEqualTo(0.0);
            assertThat(slowest).as("the slowest request, against poll-interval + method + slack")
                    .isLessThanOrEqualTo(POLL_INTERVAL_MILLIS + 250);
            cluster.awaitSubscriptionsConnected();
        } finally {
            threads.shutdownNow();
        }
    }

    /** One GET per instance, released together; every answer 200. @return the slowest, in ms */
    private long round(SampleCluster cluster) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> answers = new ArrayList<>();
        for (int port : cluster.ports) {
            answers.add(threads.submit(() -> {
                start.await();
                long started = System.nanoTime();
                HttpResponse<String> response = SampleCluster.get(port, "/metadata");
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            }));
        }
        start.countDown();
        long slowest = 0;
        for (Future<Long> answer : answers) {
            slowest = Math.max(slowest, answer.get(30, TimeUnit.SECONDS));
        }
        return slowest;
    }
}
