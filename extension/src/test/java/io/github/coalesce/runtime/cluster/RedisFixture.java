package io.github.coalesce.runtime.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * Real Redis for the engine tests: the machine's shared server (127.0.0.1:6379, keys under a prefix unique to the
 * test run) or a private {@code redis-server} on a free port, for the tests that kill it. Each "instance" is its own
 * {@link ClusterFlights} with its own client, connection pool and subscription, as separate JVMs would have.
 */
final class RedisFixture implements AutoCloseable {

    static final String SHARED = "redis://127.0.0.1:6379";
    static final ObjectMapper MAPPER = new ObjectMapper();

    final String prefix = "coalesce-test:" + UUID.randomUUID() + ":";
    private final Vertx vertx = Vertx.vertx();
    private final List<AutoCloseable> closing = new ArrayList<>();

    ClusterFlights instance(String uri, ClusterSettings settings) {
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(uri).setMaxPoolSize(8)
                .setMaxPoolWaiting(64));
        ClusterFlights flights = new ClusterFlights(new VertxRedisCommands(client), settings);
        flights.start();
        closing.add(flights);
        closing.add(client::close);
        return flights;
    }

    ClusterFlights instance(ClusterSettings settings) {
        return instance(SHARED, settings);
    }

    ClusterSettings settings() {
        return ClusterSettings.defaults(prefix);
    }

    static ClusterKey key(String group, String hash) {
        return new ClusterKey(group, hash, new JacksonResultCodec(MAPPER, "java.lang.String"));
    }

    /** A private server, killed and restarted by the test. */
    static final class PrivateRedis implements AutoCloseable {
        final int port = freePort();
        private Process process;

        PrivateRedis start() throws IOException, InterruptedException {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    return this;
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            throw new IllegalStateException("redis-server did not start on port " + port);
        }

        String uri() {
            return "redis://127.0.0.1:" + port;
        }

        /** SIGSTOP: the server keeps its connections and stops answering. */
        void pause() throws IOException, InterruptedException {
            signal("-STOP");
        }

        /** SIGCONT: the server runs what its clients sent meanwhile. */
        void resume() throws IOException, InterruptedException {
            signal("-CONT");
        }

        private void signal(String signal) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " failed");
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null) {
                kill();
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs redis-cli against the shared server, for what a test does "by hand" (delete a lease, kill clients). */
    static String cli(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", "6379"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        process.waitFor(10, TimeUnit.SECONDS);
        return output;
    }

    static ClusterSettings withTimings(ClusterSettings base, Duration leaseTtl, Duration pollInterval) {
        return new ClusterSettings(base.keyPrefix(), leaseTtl, pollInterval, base.resultTtl(), base.redisTimeout(),
                base.maxResultSize(), base.failOpen(), base.breakerFailures(), base.breakerCoolDown());
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
