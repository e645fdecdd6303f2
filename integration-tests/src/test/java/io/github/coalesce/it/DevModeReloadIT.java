package io.github.coalesce.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The newcomer's loop, for real: {@code ./mvnw quarkus:dev} on a copy of the sample app (no database installed: the
 * embedded PostgreSQL starts), then a source edit and a configuration edit, each picked up on the next request.
 * Needs the extension installed in the local repository, which {@code ./mvnw install} has done by this phase.
 */
class DevModeReloadIT {

    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration RELOAD = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();
    private Process devMode;
    private Path log;

    @Test
    void editsAreLiveOnTheNextRequest() throws Exception {
        Path app = copyOfSampleApp();
        int port = freePort();
        log = app.resolve("dev-mode.log");
        Path root = Path.of(System.getProperty("root.dir"));
        devMode = new ProcessBuilder(root.resolve("mvnw").toString(), "-B", "-ntp", "-f",
                app.resolve("pom.xml").toString(), "quarkus:dev", "-Dquarkus.http.port=" + port,
                "-Dquarkus.console.enabled=false", "-Ddebug=false", "-Dquarkus.analytics.disabled=true")
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(app.toFile()).start();
        String posts = "http://localhost:" + port + "/posts?size=10";

        await().atMost(START).pollInterval(Duration.ofSeconds(1))
                .failFast("dev mode exited: " + tail(), () -> !devMode.isAlive())
                .until(() -> status(posts) == 200);

        edit(app.resolve("src/main/java/io/github/coalesce/sample/PostResource.java"),
                "MAX_PAGE_SIZE = 100;", "MAX_PAGE_SIZE = 5;");
        await().atMost(RELOAD).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> response = get(posts);
            assertThat(response.statusCode()).as(tail()).isEqualTo(400);
            assertThat(response.body()).contains("from 1 to 5");
        });

        edit(app.resolve("src/main/resources/application.properties"), "quarkus.analytics.disabled=true",
                "quarkus.analytics.disabled=true\nquarkus.rest.path=/api");
        await().atMost(RELOAD).pollInterval(Duration.ofSeconds(1))
                .until(() -> status("http://localhost:" + port + "/api/posts?size=3") == 200);
        String configured = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (configured == null || configured.isBlank()) {
            assertThat(Files.readString(log)).as("no database configured: the embedded one served dev mode")
                    .contains("Embedded PostgreSQL started");
        } else {
            assertThat(Files.readString(log)).as("the configured server served dev mode")
                    .doesNotContain("Embedded PostgreSQL started").contains("Database: " + configured);
        }
    }

    @AfterEach
    void stop() {
        if (devMode != null) {
            List<ProcessHandle> tree = Stream.concat(devMode.descendants(), Stream.of(devMode.toHandle())).toList();
            tree.forEach(ProcessHandle::destroy);
            tree.forEach(process -> process.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
        }
    }

    private static Path copyOfSampleApp() throws IOException {
        Path source = Path.of(System.getProperty("sample.dir"));
        Path target = Path.of("target", "dev-mode-app").toAbsolutePath();
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files.filter(path -> !path.startsWith(source.resolve("target")))::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // The copy is not beside the parent POM any more: take the parent from the local repository.
        edit(target.resolve("pom.xml"), "</version>\n    </parent>", "</version>\n        <relativePath/>\n    </parent>");
        return target;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private int status(String url) {
        try {
            return get(url).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
