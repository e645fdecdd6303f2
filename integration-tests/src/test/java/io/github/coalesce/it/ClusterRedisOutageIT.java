package io.github.coalesce.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Fail open across instances: two packaged sample apps share a private {@code redis-server} (a free port, no
 * persistence; never the machine's shared one), which is killed ({@code SIGKILL}) while they serve
 * {@code GET /metadata} ({@code @Coalesce(scope = CLUSTER)}, 200 ms). Every request still succeeds, local-only, none
 * slower than {@code redis-timeout} (the default 250 ms) plus the method; once Redis is back on the same port the
 * pub/sub subscription comes back and a herd runs the method once for both instances again.
 */
class ClusterRedisOutageIT {

    private static final Pattern EXECUTIONS = Pattern.compile(
            "coalesce_executions_total\\{[^}]*method=\"site-metadata\"[^}]*} ([0-9.E]+)");
    private static final Pattern FALLBACKS = Pattern.compile(
            "coalesce_cluster_fallbacks_total\\{[^}]*method=\"site-metadata\"[^}]*} ([0-9.E]+)");
    private static final long METHOD_MILLIS = 200;
    private static final long REDIS_TIMEOUT_MILLIS = 250;

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @Test
    void requestsSucceedLocalOnlyWhileRedisIsDeadAndCoalescingResumesWhenItIsBack() throws Exception {
        PrivateRedis redis = new PrivateRedis("cluster-redis-outage").start();
        try (redis;
                SampleCluster cluster = new SampleCluster("cluster-redis-outage", 2, redis.url(),
                        Map.of("BLOG_METADATA_EXTRA_COST", METHOD_MILLIS + "ms", "QUARKUS_COALESCE_MAX_WAIT", "30s"))) {
            for (int port : cluster.ports) {
                assertThat(SampleCluster.get(port, "/metadata").statusCode()).isEqualTo(200);
            }
            Thread.sleep(2_500); // past result-ttl
            assertThat(cluster.herdExecutions(EXECUTIONS, threads)).as("a herd with Redis up").isEqualTo(1.0);

            redis.kill();
            Map<Integer, Double> fallbacksBefore = cluster.metric(FALLBACKS);
            long slowest = 0;
            int answered = 0;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < until) {
                for (int port : cluster.ports) {
                    long started = System.nanoTime();
                    HttpResponse<String> response = SampleCluster.get(port, "/metadata");
                    slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    assertThat(response.statusCode()).as("GET /metadata with Redis dead").isEqualTo(200);
                    answered++;
                }
            }
            double fallbacks = SampleCluster.grown(fallbacksBefore, cluster.metric(FALLBACKS));
            System.out.printf("CLUSTER redis dead: %d requests answered, slowest %d ms, %.0f local-only fallbacks%n",
                    answered, slowest, fallbacks);
            // Slack for the HTTP round trip and a 2-core machine running the build.
            assertThat(slowest).as("slowest request while Redis was dead")
                    .isLessThanOrEqualTo(REDIS_TIMEOUT_MILLIS + METHOD_MILLIS + 300);
            assertThat(fallbacks).as("flights run local-only").isGreaterThanOrEqualTo(answered);

            redis.start();
            cluster.awaitSubscriptionsConnected();
            // The breaker may still skip Redis for its cool-down: coalescing resumes within a few herds.
            double executions = Double.MAX_VALUE;
            for (int attempt = 0; attempt < 10 && executions != 1.0; attempt++) {
                Thread.sleep(2_500);
                executions = cluster.herdExecutions(EXECUTIONS, threads);
            }
            assertThat(executions).as("a herd once Redis is back").isEqualTo(1.0);
        } finally {
            threads.shutdownNow();
        }
    }
}
