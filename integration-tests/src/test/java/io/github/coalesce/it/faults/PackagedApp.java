package io.github.coalesce.it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged sample app ({@code target/quarkus-app/quarkus-run.jar}, built by this module's {@code package} phase)
 * as a child JVM with a small heap, on a free port, with the {@code test} profile (every view counts) and the
 * datasource the test gives it. {@link #kill()} is {@code kill -9}, {@link #stop()} is {@code SIGTERM}.
 */
final class PackagedApp implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PackagedApp(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param name names the log file under {@code target/fault-logs}
     * @param postgres the database
     * @param settings further {@code -D} settings
     * @return the app, ready ({@code /q/health/ready} answered 200)
     */
    static PackagedApp start(String name, OwnPostgres postgres, Map<String, String> settings) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the package phase first");
        }
        int port = OwnPostgres.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.profile=test",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(), "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=", "-Dquarkus.log.console.json=false"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        try {
            Path log = Files.createDirectories(Path.of("target", "fault-logs")).resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            PackagedApp app = new PackagedApp(process, port, log);
            app.awaitReady(Duration.ofSeconds(60));
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            sleep(200);
        }
        throw new IllegalStateException("the app was not ready within " + timeout + "; see " + log);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpClient client() {
        return client;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /**
     * Every write of the fault tests goes through here, so that a credential (when writes need an author) is added in
     * one place.
     */
    HttpResponse<String> write(String method, String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                // Writes need a user; admin may edit every post.
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("admin:admin".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return the sum of the Prometheus samples of {@code name} whose labels contain {@code labelPart}
     * @throws AssertionError when there is no such sample (or only NaN ones): a misspelled or missing metric must
     *         fail the check that reads it, not pass it as 0
     */
    double metric(String name, String labelPart) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([-+0-9.eE]+|NaN)$",
                Pattern.MULTILINE);
        Matcher matcher = line.matcher(get("/q/metrics").body());
        double sum = 0;
        int samples = 0;
        while (matcher.find()) {
            String labels = matcher.group(1) == null ? "" : matcher.group(1);
            if (labels.contains(labelPart) && !"NaN".equals(matcher.group(2))) {
                sum += Double.parseDouble(matcher.group(2));
                samples++;
            }
        }
        if (samples == 0) {
            throw new AssertionError("no sample of metric " + name + (labelPart.isEmpty() ? ""
                    : " with labels containing " + labelPart) + " in " + uri("/q/metrics"));
        }
        return sum;
    }

    /** @return the heap in use right after a full collection ({@code jcmd GC.run}), in bytes */
    long heapAfterGc() {
        try {
            Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            gc.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (long) metric("jvm_memory_used_bytes", "area=\"heap\"");
    }

    long liveThreads() {
        return (long) metric("jvm_threads_live_threads", "");
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code kill -9}: no shutdown hook runs. */
    void kill() {
        process.destroyForcibly();
        await();
    }

    /** {@code SIGTERM}: a graceful shutdown. @return the exit code */
    int stop() {
        process.destroy();
        return await();
    }

    private int await() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
