package io.github.coalesce.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster part: three packaged sample apps sharing one (private) Redis, where {@code GET /metadata} is
 * {@code @Coalesce(scope = CLUSTER)} with a fixed extra cost, and a fourth without Redis (the same method, local-only).
 * Herds of 3 × 50 requests released together ({@link SocketBurst}), rounds apart by more than {@code result-ttl}: the
 * executions each round needed (summed over the instances), how long after the round's first answer (the
 * leader's) each answer ended (p50, p99 over all rounds), the Redis commands per flight ({@code INFO commandstats}
 * around the rounds). The same herds on a LOCAL method of the same cost give the spread that serving 150 answers at
 * once has without Redis on these cores, and what the cluster adds beyond it; herds of one request per instance give
 * the protocol's wake-up alone (the leader's answer to the followers' answers), in blocks of rounds, each round
 * followed by two bare Redis round trips after the same idle gap (the floor the wake-up is measured against). And,
 * after the warm-up, a lone call's latency with CLUSTER against the local-only app (what Redis adds to an uncontended
 * call).
 * Usage: ClusterHarness REDIS_PORT LOCAL_URL OUT.json CLUSTER_URL...
 */
public final class ClusterHarness {

    private static final String CLUSTER_PATH = "/metadata";
    /** {@code post-metadata}: LOCAL, the same extra cost as {@code site-metadata}. */
    private static final String LOCAL_PATH = "/posts/1/metadata";
    private static final int PER_INSTANCE = 50;
    private static final int WARM_UP_ROUNDS = 5;
    private static final int ROUNDS = 20;
    private static final int LONE_CALLS = 25;
    /**
     * Blocks of wake-up rounds: each gives one p99 of the followers' wake-ups and one of the bare round trips timed
     * in turn with them, so that the report has rounds of their ratio.
     */
    private static final int WAKE_UP_BLOCKS = 3;
    private static final int WAKE_UP_ROUNDS_PER_BLOCK = 30;
    /**
     * {@code blog.metadata.extra-cost} as cluster.sh sets it: how long the instances' Redis clients idle between a
     * flight's acquire and its complete (the leader's run) or its notice (a follower's wait), so the idle gap before
     * each bare round trip timed beside the wake-ups.
     */
    private static final long METHOD_MILLIS = Long.getLong("bench.cluster.extra-cost-ms", 100);
    /** Past the apps' result-ttl, so that each round or lone call is a new flight. */
    private static final long APART_MILLIS = 400;
    private static final Pattern EXECUTIONS = Pattern.compile(
            "coalesce_executions_total\\{[^}]*method=\"site-metadata\"[^}]*} ([0-9.E]+)");
    private static final Pattern CALLS = Pattern.compile("calls=(\\d+)");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ClusterHarness() {
    }

    public static void main(String[] args) throws Exception {
        int redisPort = Integer.parseInt(args[0]);
        URI local = URI.create(args[1]);
        List<URI> instances = Arrays.stream(args, 3, args.length).map(URI::create).toList();
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            herd(instances, CLUSTER_PATH, PER_INSTANCE);
            herd(instances, LOCAL_PATH, PER_INSTANCE);
            herd(List.of(local), CLUSTER_PATH, PER_INSTANCE);
            Thread.sleep(APART_MILLIS);
        }
        // After the warm-up: a cold JVM's first calls time the JIT, not Redis.
        double loneCluster = loneMedian(instances.get(0));
        double loneLocal = loneMedian(local);
        // One request per instance: the protocol's wake-up alone (notice, acquire, answer), without 150 answers
        // queueing for the same 2 cores. In turn with each round, in the pause between rounds, two bare round trips
        // from this JVM, each after the same idle gap as the wake-up's round trips (the method's run): the floor of
        // that wake-up on this machine, in the same minutes.
        double[] wakeUpP50 = new double[WAKE_UP_BLOCKS];
        double[] wakeUpP99 = new double[WAKE_UP_BLOCKS];
        double[] roundTripP50 = new double[WAKE_UP_BLOCKS];
        double[] roundTripP99 = new double[WAKE_UP_BLOCKS];
        try (RedisRoundTrip bare = new RedisRoundTrip(redisPort)) {
            for (int block = 0; block < WAKE_UP_BLOCKS; block++) {
                List<Double> wakeUps = new ArrayList<>();
                List<Double> roundTrips = new ArrayList<>();
                for (int round = 0; round < WAKE_UP_ROUNDS_PER_BLOCK; round++) {
                    List<Double> afterFirst = new ArrayList<>(afterFirst(herd(instances, CLUSTER_PATH, 1)));
                    afterFirst.remove(Collections.min(afterFirst)); // the leader's own answer
                    wakeUps.addAll(afterFirst);
                    Thread.sleep(Math.max(0, APART_MILLIS - 2 * METHOD_MILLIS));
                    bare.prime();
                    for (int i = 0; i < afterFirst.size(); i++) {
                        roundTrips.add(bare.afterIdle(METHOD_MILLIS) / 1e6);
                    }
                }
                wakeUpP50[block] = percentile(wakeUps, 0.5);
                wakeUpP99[block] = percentile(wakeUps, 0.99);
                roundTripP50[block] = percentile(roundTrips, 0.5);
                roundTripP99[block] = percentile(roundTrips, 0.99);
            }
        }
        long commandsBefore = redisCommands(redisPort);
        double[] herdExecutions = new double[ROUNDS];
        List<Double> beyondFirst = new ArrayList<>();
        List<Double> beyondLone = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            double before = executions(instances);
            List<SocketBurst.Answer> answers = herd(instances, CLUSTER_PATH, PER_INSTANCE);
            beyondFirst.addAll(afterFirst(answers));
            for (SocketBurst.Answer answer : answers) {
                beyondLone.add(Math.max(0, answer.millis() - loneCluster));
            }
            herdExecutions[round] = executions(instances) - before;
            Thread.sleep(APART_MILLIS);
        }
        // Minus the INFO commands themselves (one each).
        double commandsPerFlight = (redisCommands(redisPort) - commandsBefore - 1) / (double) ROUNDS;
        // The same herds on a LOCAL method of the same cost: each instance runs it once and answers its own 50,
        // so what its answers spread beyond the first is what serving 150 answers at once costs without Redis.
        List<Double> localBeyondFirst = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            localBeyondFirst.addAll(afterFirst(herd(instances, LOCAL_PATH, PER_INSTANCE)));
            Thread.sleep(APART_MILLIS);
        }
        double p99 = percentile(beyondFirst, 0.99);
        double localP99 = percentile(localBeyondFirst, 0.99);
        // After the herds, so that its commands are not counted per flight; the apps are idle meanwhile.
        RedisRoundTrip.Times roundTrip;
        try (RedisRoundTrip bare = new RedisRoundTrip(redisPort)) {
            roundTrip = bare.measure();
        }
        new Results().putRounds("cluster_herd_executions", herdExecutions)
                .put("redis_round_trip_waiting_thread_p50_us", roundTrip.waitingP50())
                .put("redis_round_trip_waiting_thread_p99_us", roundTrip.waitingP99())
                .putRounds("redis_round_trip_after_idle_p50_ms", roundTripP50)
                .putRounds("redis_round_trip_after_idle_p99_ms", roundTripP99)
                .put("redis_round_trip_event_loop_p50_us", roundTrip.eventLoopP50())
                .put("redis_round_trip_event_loop_p99_us", roundTrip.eventLoopP99())
                .put("cluster_follower_overhead_p50_ms", percentile(beyondFirst, 0.5))
                .put("cluster_follower_overhead_p99_ms", p99)
                .put("local_herd_spread_p50_ms", percentile(localBeyondFirst, 0.5))
                .put("local_herd_spread_p99_ms", localP99)
                .put("cluster_follower_overhead_beyond_local_p99_ms", p99 - localP99)
                .putRounds("cluster_wakeup_p50_ms", wakeUpP50)
                .putRounds("cluster_wakeup_p99_ms", wakeUpP99)
                .put("cluster_herd_beyond_lone_p99_ms", percentile(beyondLone, 0.99))
                .put("cluster_redis_commands_per_flight", commandsPerFlight)
                .put("cluster_lone_call_ms", loneCluster).put("local_lone_call_ms", loneLocal)
                .put("cluster_uncontended_extra_ms", loneCluster - loneLocal)
                .write(Path.of(args[2]));
        System.exit(0);
    }

    /** @return the answers to {@code perInstance} GETs of {@code path} per instance, released together */
    private static List<SocketBurst.Answer> herd(List<URI> instances, String path, int perInstance)
            throws Exception {
        List<URI> targets = new ArrayList<>();
        for (URI instance : instances) {
            targets.addAll(Collections.nCopies(perInstance, instance.resolve(path)));
        }
        List<SocketBurst.Answer> answers = SocketBurst.get(targets, "Content-Type");
        for (SocketBurst.Answer answer : answers) {
            if (answer.status() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + answer.status());
            }
        }
        return answers;
    }

    private static double loneMedian(URI instance) throws Exception {
        double[] lone = new double[LONE_CALLS];
        for (int i = 0; i < LONE_CALLS; i++) {
            Thread.sleep(APART_MILLIS);
            lone[i] = SocketBurst.get(List.of(instance.resolve(CLUSTER_PATH)), "Content-Type").getFirst().millis();
        }
        Arrays.sort(lone);
        return lone[LONE_CALLS / 2];
    }

    /** @return how long after the first answer of the round (the leader's) each answer ended, in ms */
    private static List<Double> afterFirst(List<SocketBurst.Answer> answers) {
        long first = answers.stream().mapToLong(SocketBurst.Answer::endNanos).min().orElseThrow();
        return answers.stream().map(answer -> (answer.endNanos() - first) / 1e6).toList();
    }

    private static double percentile(List<Double> values, double rank) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * rank))];
    }

    private static double executions(List<URI> instances) throws Exception {
        double sum = 0;
        for (URI instance : instances) {
            String metrics = HTTP.send(HttpRequest.newBuilder(instance.resolve("/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = EXECUTIONS.matcher(metrics);
            sum += matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
        }
        return sum;
    }

    /** @return the calls of every command Redis has served, from {@code INFO commandstats} (RESP over a socket) */
    private static long redisCommands(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("*2\r\n$4\r\nINFO\r\n$12\r\ncommandstats\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            int length = Integer.parseInt(in.readLine().substring(1));
            char[] body = new char[length];
            for (int read = 0; read < length;) {
                read += in.read(body, read, length - read);
            }
            long calls = 0;
            Matcher matcher = CALLS.matcher(new String(body));
            while (matcher.find()) {
                calls += Long.parseLong(matcher.group(1));
            }
            return calls;
        }
    }

}
