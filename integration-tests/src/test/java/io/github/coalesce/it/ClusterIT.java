package io.github.coalesce.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three packaged sample-app JVMs on free loopback ports against one Redis (the machine's, keys under a prefix of this
 * run) and one PostgreSQL database of their own: {@code GET /metadata} is {@code @Coalesce(scope = CLUSTER)}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Pattern EXECUTIONS = Pattern.compile(
            "coalesce_executions_total\\{[^}]*method=\"site-metadata\"[^}]*} ([0-9.E]+)");
    private static final Pattern ACQUIRES = Pattern.compile(
            "coalesce_cluster_acquires_total\\{[^}]*method=\"site-metadata\"[^}]*} ([0-9.E]+)");
    private static final Pattern LEADERS = Pattern.compile(
            "coalesce_cluster_leaders_total\\{[^}]*method=\"site-metadata\"[^}]*} ([0-9.E]+)");
    private static final Pattern REELECTIONS = Pattern.compile(
            "coalesce_cluster_reelections_total\\{[^}]*method=\"site-metadata\"[^}]*} ([0-9.E]+)");

    private static final Pattern LEASE_LOST = Pattern.compile(
            "coalesce_cluster_lease_lost_total\\{[^}]*method=\"site-metadata\"[^}]*} ([0-9.E]+)");
    private static final Pattern REMOTE_FAILURES = Pattern.compile(
            "coalesce_cluster_remote_failures_total\\{[^}]*method=\"site-metadata\"[^}]*} ([0-9.E]+)");
    private static final int REDIS_PORT = 6379;

    private static final Pattern FALLBACKS = Pattern.compile(
            "coalesce_cluster_fallbacks_total\\{[^}]*method=\"site-metadata\"[^}]*reason=\"redis-error\"[^}]*} ([0-9.E]+)");

    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();
    private static SampleCluster cluster;
    private static List<Process> APPS;
    private static List<Integer> PORTS;

    @BeforeAll
    static void startThreeInstances() throws Exception {
        cluster = new SampleCluster("cluster-it", 3, "redis://127.0.0.1:6379", Map.of(
                "QUARKUS_COALESCE_CLUSTER_LEASE_TTL", "2s",
                // Three JVMs and 150 requests on a small shared CI machine: far more room than the 250 ms default
                // before a Redis call counts as failed (the outage test uses the default).
                "QUARKUS_COALESCE_CLUSTER_REDIS_TIMEOUT", "3s",
                "BLOG_METADATA_EXTRA_COST", "1s",
                // Local followers wait for their leader (the sample's 5s then-run-yourself would turn a slow
                // machine's herd into 150 executions and an exhausted connection pool).
                "QUARKUS_COALESCE_MAX_WAIT", "30s"));
        APPS = cluster.apps;
        PORTS = cluster.ports;
        for (int port : PORTS) {
            // Warm-up (JIT, pools): one call each, then past result-ttl so that the herd finds nothing stored.
            assertThat(get(port, "/metadata").statusCode()).isEqualTo(200);
        }
        Thread.sleep(2500);
        for (int i = 0; i < 3; i++) {
            assertThat(cluster.logText(i)).contains("share executions across instances through Redis");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        THREADS.shutdownNow();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aHerdOfThreeTimesFiftyRunsTheMethodOnceForTheWholeCluster() throws Exception {
        Map<Integer, Double> executionsBefore = metric(EXECUTIONS);
        Map<Integer, Double> acquiresBefore = metric(ACQUIRES);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (int port : PORTS) {
            for (int i = 0; i < 50; i++) {
                responses.add(THREADS.submit(() -> {
                    start.await();
                    return get(port, "/metadata");
                }));
            }
        }
        start.countDown();
        Set<String> bodies = new java.util.HashSet<>();
        for (Future<HttpResponse<String>> response : responses) {
            HttpResponse<String> answered = response.get(30, TimeUnit.SECONDS);
            assertThat(answered.statusCode()).isEqualTo(200);
            bodies.add(answered.body());
        }
        Map<Integer, Double> executionsAfter = metric(EXECUTIONS);
        Map<Integer, Double> acquiresAfter = metric(ACQUIRES);
        double executions = PORTS.stream().mapToDouble(p -> executionsAfter.get(p) - executionsBefore.get(p)).sum();
        assertThat(executions).as("executions summed over the three instances; cluster meters of one: "
                + clusterMeters(PORTS.get(1)))
                .isEqualTo(1.0);
        assertThat(bodies).as("all 150 bodies").hasSize(1);
        for (int port : PORTS) {
            assertThat(acquiresAfter.get(port) - acquiresBefore.get(port)).as("acquires of the instance on " + port)
                    .isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    @Order(2)
    void aStolenLeaseKeepsTheOldLeadersResultOutOfRedis() throws Exception {
        Thread.sleep(2500); // past result-ttl
        Map<Integer, Double> leaseLostBefore = metric(LEASE_LOST);
        Future<HttpResponse<String>> oldLeader = THREADS.submit(() -> get(PORTS.get(0), "/metadata"));
        String lease = awaitLease();
        Resp.command(REDIS_PORT, "DEL", lease); // by hand: as if it had expired during a GC pause
        Future<HttpResponse<String>> newLeader = THREADS.submit(() -> get(PORTS.get(1), "/metadata"));
        awaitLease();
        HttpResponse<String> old = oldLeader.get(30, TimeUnit.SECONDS);
        // While the new leader still runs (it started later): this one waits for it, or picks up what it stored.
        HttpResponse<String> joined = get(PORTS.get(2), "/metadata");
        HttpResponse<String> fresh = newLeader.get(30, TimeUnit.SECONDS);

        assertThat(List.of(old.statusCode(), fresh.statusCode(), joined.statusCode())).containsOnly(200);
        assertThat(old.body()).as("the old leader answers its own callers with its own execution")
                .isNotEqualTo(fresh.body());
        assertThat(joined.body()).as("the third instance gets the new leader's result, never the old one's")
                .isEqualTo(fresh.body());
        assertThat(metric(LEASE_LOST).get(PORTS.get(0)) - leaseLostBefore.get(PORTS.get(0)))
                .as("lease lost, counted on the old leader").isEqualTo(1.0);
    }

    @Test
    @Order(3)
    void aLeadersFailureReachesEveryCallerOnEveryInstanceAndIsNotStored() throws Exception {
        Thread.sleep(2500); // past result-ttl
        Map<Integer, Double> remoteFailuresBefore = metric(REMOTE_FAILURES);
        Map<Integer, Double> executionsBefore = metric(EXECUTIONS);
        // The leader's database connection is terminated each time its query has slept 400 ms: every attempt its
        // @Retry makes fails with SQLSTATE 57P01, so the execution fails.
        AtomicBoolean killing = new AtomicBoolean(true);
        Future<?> killer = THREADS.submit(() -> {
            try (Connection sql = cluster.database()) {
                while (killing.get()) {
                    sql.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                            + " AND query LIKE 'SELECT pg_sleep%' AND now() - query_start > interval '400 ms'");
                    Thread.sleep(20);
                }
            }
            return null;
        });
        try {
            Future<HttpResponse<String>> leader = THREADS.submit(() -> get(PORTS.get(0), "/metadata"));
            awaitLease();
            List<Future<HttpResponse<String>>> callers = new ArrayList<>(List.of(leader));
            for (int port : PORTS) {
                for (int i = 0; i < 5; i++) {
                    callers.add(THREADS.submit(() -> get(port, "/metadata")));
                }
            }
            for (Future<HttpResponse<String>> caller : callers) {
                HttpResponse<String> answered = caller.get(30, TimeUnit.SECONDS);
                assertThat(answered.statusCode()).as(answered.body()).isEqualTo(503);
                assertThat(answered.body()).contains("\"status\":503").doesNotContain("Exception", "SQL", "pg_");
            }
        } finally {
            killing.set(false);
            killer.get(10, TimeUnit.SECONDS);
        }
        assertThat(SampleCluster.grown(executionsBefore, metric(EXECUTIONS))).as("one execution, failed")
                .isEqualTo(1.0);
        Map<Integer, Double> remoteFailures = metric(REMOTE_FAILURES);
        for (int port : PORTS.subList(1, 3)) {
            assertThat(remoteFailures.get(port) - remoteFailuresBefore.get(port))
                    .as("the leader's failure, passed to the instance on " + port).isEqualTo(1.0);
        }
        // Nothing was stored: the next call runs the method and succeeds.
        assertThat(get(PORTS.get(1), "/metadata").statusCode()).isEqualTo(200);
        assertThat(SampleCluster.grown(executionsBefore, metric(EXECUTIONS))).isEqualTo(2.0);
    }

    /** @return the one lease of this cluster's keys, once Redis holds it (a leader started) */
    private static String awaitLease() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<?> leases = (List<?>) Resp.command(REDIS_PORT, "KEYS", cluster.keyPrefix + "*:lease");
            if (!leases.isEmpty()) {
                return (String) leases.get(0);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no leader took a lease within 10 s");
    }

    @Test
    @Order(4)
    void aLeaderKilledMidFlightIsReplacedAndEveryoneIsAnswered() throws Exception {
        Thread.sleep(2500); // past result-ttl: the herd's result is gone
        Map<Integer, Double> reElectionsBefore = metric(REELECTIONS);
        int leaderPort = PORTS.get(0);
        double leadsBefore = metric(LEADERS).get(leaderPort);
        Future<HttpResponse<String>> leaderCall = THREADS.submit(() -> get(leaderPort, "/metadata"));
        Thread.sleep(300); // it holds the lease now, 1 s into its 1 s method... then dies
        List<Future<HttpResponse<String>>> followers = new ArrayList<>();
        for (int port : PORTS.subList(1, 3)) {
            for (int i = 0; i < 10; i++) {
                followers.add(THREADS.submit(() -> get(port, "/metadata")));
            }
        }
        Thread.sleep(200);
        assertThat(metric(LEADERS).get(leaderPort) - leadsBefore).as("the instance about to be killed leads")
                .isEqualTo(1.0);
        assertThat(leaderCall.isDone()).as("its call is still running, 500 ms into 1 s").isFalse();
        long killedAt = System.nanoTime();
        APPS.get(0).destroyForcibly(); // SIGKILL
        APPS.get(0).waitFor(10, TimeUnit.SECONDS);
        for (Future<HttpResponse<String>> follower : followers) {
            assertThat(follower.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        long answeredAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        // lease-ttl (2 s) + poll-interval (250 ms) until re-election, then the method (1 s extra cost) and slack.
        assertThat(answeredAfterMillis).isLessThan(2000 + 250 + 1000 + 1500);
        Map<Integer, Double> reElectionsAfter = metric(REELECTIONS);
        double reElections = PORTS.subList(1, 3).stream()
                .mapToDouble(p -> reElectionsAfter.get(p) - reElectionsBefore.get(p)).sum();
        assertThat(reElections).as("re-elections on the survivors; fallbacks: " + metric(FALLBACKS)).isEqualTo(1.0);
        assertThatThrownBy(() -> leaderCall.get(10, TimeUnit.SECONDS)).as("the killed leader never answered")
                .hasCauseInstanceOf(IOException.class);
    }

    private static String clusterMeters(int port) throws Exception {
        return get(port, "/q/metrics").body().lines().filter(line -> line.startsWith("coalesce_cluster_")
                && !line.contains(" 0.0")).collect(Collectors.joining("\n"));
    }

    private static Map<Integer, Double> metric(Pattern pattern) throws Exception {
        return cluster.metric(pattern);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return SampleCluster.get(port, path);
    }

    static String joined(List<String> lines) {
        return lines.stream().collect(Collectors.joining("\n"));
    }
}
