package io.github.coalesce.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Packaged sample-app JVMs ({@code target/quarkus-app/quarkus-run.jar}, test profile, {@code -Xmx256m}) on free
 * loopback ports, sharing one Redis (keys under a prefix of their own) and one PostgreSQL database made for them on
 * the machine's server (or {@code QUARKUS_DATASOURCE_JDBC_URL}'s), dropped at {@link #close()}.
 */
final class SampleCluster implements AutoCloseable {

    private static final Pattern CONNECTED = Pattern.compile("coalesce_cluster_pubsub_connected(?:\\{[^}]*})? ([0-9.E]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String adminUrl = System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private final String user = System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
    private final String password = System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
    private final String database = "coalesce_cluster_it_" + UUID.randomUUID().toString().replace("-", "")
            .substring(0, 12);
    /** The instances' {@code quarkus.coalesce.cluster.key-prefix}. */
    final String keyPrefix = "coalesce-it:" + UUID.randomUUID() + ":";
    /** The instances' database. */
    final String jdbcUrl;
    final List<Process> apps = new ArrayList<>();
    final List<Integer> ports = new ArrayList<>();

    /**
     * @param name names the logs, {@code target/<name>-<i>.log}
     * @param instances how many JVMs
     * @param redisUrl e.g. {@code redis://127.0.0.1:6379}
     * @param settings environment variables of every instance, on top of the database, Redis and a key prefix
     */
    SampleCluster(String name, int instances, String redisUrl, Map<String, String> settings) throws Exception {
        this.name = name;
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password)) {
            admin.createStatement().execute("CREATE DATABASE " + database);
        }
        jdbcUrl = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).exists();
        for (int i = 0; i < instances; i++) {
            int port = freePort();
            ProcessBuilder app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Dquarkus.profile=test", "-jar", jar.toString());
            Map<String, String> env = app.environment();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
            env.put("QUARKUS_DATASOURCE_USERNAME", user);
            env.put("QUARKUS_DATASOURCE_PASSWORD", password);
            env.put("QUARKUS_REDIS_HOSTS", redisUrl);
            env.put("QUARKUS_COALESCE_CLUSTER_KEY_PREFIX", keyPrefix);
            env.put("QUARKUS_COALESCE_VIEW_COUNTER_SPILL_FILE", "target/" + name + "-" + i + ".spill");
            env.putAll(settings);
            app.redirectErrorStream(true).redirectOutput(log(i).toFile());
            apps.add(app.start());
            ports.add(port);
            if (i == 0) {
                awaitReady(port); // the first one runs the migrations alone
            }
        }
        for (int port : ports) {
            awaitReady(port);
        }
    }

    /** @return a connection to the instances' database, as the instances log in */
    Connection database() throws java.sql.SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    Path log(int instance) {
        return Path.of("target", name + "-" + instance + ".log");
    }

    String logText(int instance) throws IOException {
        return Files.readString(log(instance));
    }

    /** @return per port of a live instance, the sum of the Prometheus samples {@code pattern} matches */
    Map<Integer, Double> metric(Pattern pattern) throws Exception {
        Map<Integer, Double> values = new HashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            if (!apps.get(i).isAlive()) {
                continue;
            }
            int port = ports.get(i);
            Matcher matcher = pattern.matcher(get(port, "/q/metrics").body());
            double sum = 0;
            while (matcher.find()) {
                sum += Double.parseDouble(matcher.group(1));
            }
            values.put(port, sum);
        }
        return values;
    }

    /** Waits until every live instance's notice subscription is connected again; fails after 30 s. */
    void awaitSubscriptionsConnected() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (metric(CONNECTED).values().stream().anyMatch(v -> v < 1)) {
            assertThat(System.nanoTime()).as("the subscriptions came back within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * 20 concurrent {@code GET /metadata} on each live instance, every one answered 200.
     *
     * @param executions the Prometheus series of the method's executions
     * @param threads runs the callers
     * @return the executions the herd caused, summed over the instances
     */
    double herdExecutions(Pattern executions, ExecutorService threads) throws Exception {
        Map<Integer, Double> before = metric(executions);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (int port : ports) {
            for (int i = 0; i < 20; i++) {
                responses.add(threads.submit(() -> {
                    start.await();
                    return get(port, "/metadata");
                }));
            }
        }
        start.countDown();
        for (Future<HttpResponse<String>> response : responses) {
            assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        return grown(before, metric(executions));
    }

    /** @return the growth of the series over the live instances, summed */
    static double grown(Map<Integer, Double> before, Map<Integer, Double> after) {
        return after.entrySet().stream().mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0)).sum();
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                if (get(port, "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the app on port " + port + " did not become ready; see target/" + name
                + "-*.log");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (Process app : apps) {
            app.destroy();
        }
        for (Process app : apps) {
            if (!app.waitFor(10, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password)) {
            admin.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }
}
