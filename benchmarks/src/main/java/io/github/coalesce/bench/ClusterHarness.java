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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster part: three packaged sample apps sharing one (private) Redis, where {@code GET /metadata} is
 * {@code @Coalesce(scope = CLUSTER)} with a fixed extra cost, and a fourth without Redis (the same method, local-only).
 * Herds of 3 × 50 requests released together, rounds apart by more than {@code result-ttl}: the most executions any
 * round needed (summed over the instances), what a request waited beyond a lone request's latency (p50, p99 over all
 * rounds), the Redis commands per flight ({@code INFO commandstats} around the rounds); and a lone call's latency
 * with CLUSTER against the local-only app (what Redis adds to an uncontended call).
 * Usage: ClusterHarness REDIS_PORT LOCAL_URL OUT.json CLUSTER_URL...
 */
public final class ClusterHarness {

    private static final int PER_INSTANCE = 50;
    private static final int WARM_UP_ROUNDS = 5;
    private static final int ROUNDS = 20;
    private static final int LONE_CALLS = 15;
    /** Past the apps' result-ttl, so that each round or lone call is a new flight. */
    private static final long APART_MILLIS = 700;
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
        double loneCluster = loneMedian(instances.get(0));
        double loneLocal = loneMedian(local);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                herd(instances, threads);
                Thread.sleep(APART_MILLIS);
            }
            long commandsBefore = redisCommands(redisPort);
            double mostExecutions = 0;
            List<Double> waits = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                double before = executions(instances);
                for (double latency : herd(instances, threads)) {
                    waits.add(Math.max(0, latency - loneCluster));
                }
                mostExecutions = Math.max(mostExecutions, executions(instances) - before);
                Thread.sleep(APART_MILLIS);
            }
            // Minus the INFO commands themselves (one each).
            double commandsPerFlight = (redisCommands(redisPort) - commandsBefore - 1) / (double) ROUNDS;
            double[] sorted = waits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            new Results().put("cluster_herd_executions", mostExecutions)
                    .put("cluster_follower_overhead_p50_ms", sorted[sorted.length / 2])
                    .put("cluster_follower_overhead_p99_ms", sorted[(int) (sorted.length * 0.99)])
                    .put("cluster_redis_commands_per_flight", commandsPerFlight)
                    .put("cluster_lone_call_ms", loneCluster).put("local_lone_call_ms", loneLocal)
                    .put("cluster_uncontended_extra_ms", loneCluster - loneLocal)
                    .write(Path.of(args[2]));
        }
        System.exit(0);
    }

    /** @return the latencies (ms) of 50 GETs per instance, released together */
    private static List<Double> herd(List<URI> instances, ExecutorService threads) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Double>> answers = new ArrayList<>();
        for (URI instance : instances) {
            for (int i = 0; i < PER_INSTANCE; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return timed(instance.resolve("/metadata"));
                }));
            }
        }
        start.countDown();
        List<Double> latencies = new ArrayList<>();
        for (Future<Double> answer : answers) {
            latencies.add(answer.get(60, TimeUnit.SECONDS));
        }
        return latencies;
    }

    private static double loneMedian(URI instance) throws Exception {
        double[] lone = new double[LONE_CALLS];
        for (int i = 0; i < LONE_CALLS; i++) {
            Thread.sleep(APART_MILLIS);
            lone[i] = timed(instance.resolve("/metadata"));
        }
        Arrays.sort(lone);
        return lone[LONE_CALLS / 2];
    }

    private static double timed(URI uri) throws Exception {
        long started = System.nanoTime();
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
        }
        return (System.nanoTime() - started) / 1e6;
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
