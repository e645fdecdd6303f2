package io.github.coalesce.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Three packaged sample apps against one PostgreSQL, behind a round-robin "balancer" (the test): a reader who views a
 * post on every instance within the cooldown counts once, in post.views, post.unique_viewers, post_viewer and the
 * daily buckets alike. The cooldown lives in the database, so no instance's memory can count the reader again.
 */
class ViewersAcrossInstancesIT {

    private static final int READERS = 40;
    /** One view on each of the three instances. */
    private static final int VIEWS_PER_READER_AND_POST = 3;

    private static EmbeddedPostgres embedded;
    private static String jdbcUrl;
    private static String user;
    private static String password;
    private static final List<Process> apps = new ArrayList<>();
    private static final List<URI> instances = new ArrayList<>();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;

    @BeforeAll
    static void startThreeInstances() throws Exception {
        String configured = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (configured != null && !configured.isBlank()) {
            jdbcUrl = configured;
            user = System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
            password = System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
        } else {
            embedded = EmbeddedPostgres.builder().start();
            jdbcUrl = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
        }
        // The first instance migrates the schema; the others start once it is up.
        for (int i = 0; i < 3; i++) {
            instances.add(start(i));
            if (i == 0) {
                awaitUp(instances.get(0));
            }
        }
        instances.forEach(ViewersAcrossInstancesIT::awaitUp);
    }

    @AfterAll
    static void stop() throws Exception {
        apps.forEach(Process::destroy);
        for (Process app : apps) {
            if (!app.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void readersViewingOnEveryInstanceWithinTheCooldownCountOnceEverywhere() throws Exception {
        long[] posts = { create("Across instances 1"), create("Across instances 2"), create("Across instances 3") };
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int reader = 0; reader < READERS; reader++) {
                String address = "10.77." + reader / 200 + "." + (reader % 200 + 1);
                int first = reader % 3;
                done.add(threads.submit(() -> {
                    for (long post : posts) {
                        for (int view = 0; view < VIEWS_PER_READER_AND_POST; view++) {
                            // Each reader views each post once on every instance (starting on a different one per
                            // reader), whatever the threads' interleaving: only the database can see the repeats.
                            get(instances.get((first + view) % 3), "/posts/" + post, address, null);
                        }
                    }
                    return null;
                }));
            }
            for (int instance = 0; instance < 3; instance++) {
                get(instances.get(instance), "/posts/" + posts[0], null, "alice:alice");
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }
        long expectedFirst = READERS + 1;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                // At least: a view counted more than once must fail the exact checks below, naming the counts.
                .until(() -> query("SELECT views FROM post WHERE id = " + posts[0]) >= expectedFirst
                        && query("SELECT views FROM post WHERE id = " + posts[2]) >= READERS);
        // Two more flush intervals: nothing late may count a repeated view.
        Thread.sleep(1500);
        for (long post : posts) {
            long expected = post == posts[0] ? expectedFirst : READERS;
            assertThat(query("SELECT views FROM post WHERE id = " + post)).as("views of %d", post).isEqualTo(expected);
            assertThat(query("SELECT unique_viewers FROM post WHERE id = " + post)).isEqualTo(expected);
            assertThat(query("SELECT count(*) FROM post_viewer WHERE post_id = " + post)).isEqualTo(expected);
            assertThat(query("SELECT sum(views) FROM post_viewer WHERE post_id = " + post)).isEqualTo(expected);
            assertThat(query("SELECT sum(views) FROM post_views_daily WHERE post_id = " + post)).isEqualTo(expected);
        }
        assertThat(query("SELECT count(*) FROM post_viewer WHERE post_id = " + posts[0] + " AND viewer LIKE '%10.77%'"))
                .as("addresses are stored as keyed hashes only").isZero();
        String mine = get(instances.get(1), "/me/recently-viewed", null, "alice:alice");
        assertThat(mine).contains("\"id\":" + posts[0]);
    }

    private static URI start(int index) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path log = dir.resolve("instance-" + index + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                "-Dquarkus.datasource.username=" + user,
                "-Dquarkus.datasource.password=" + password,
                "-Dquarkus.datasource.jdbc.max-size=8",
                "-Dquarkus.coalesce.view-counter.cooldown=10m",
                "-Dquarkus.coalesce.view-counter.flush-interval=500ms",
                "-Dquarkus.coalesce.view-counter.spill-file=" + dir.resolve("instance-" + index + ".spill"),
                "-Dquarkus.http.proxy.proxy-address-forwarding=true",
                "-Dquarkus.http.proxy.allow-x-forwarded=true",
                "-Dquarkus.http.proxy.trusted-proxies=127.0.0.1",
                "-Dquarkus.log.level=WARN",
                "-jar", jar.toString());
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        apps.add(app);
        return URI.create("http://127.0.0.1:" + port);
    }

    private static void awaitUp(URI instance) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(instance.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static long create(String title) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(instances.get(0).resolve("/posts"))
                .header("Content-Type", "application/json")
                // Writes need an author (HTTP Basic); reads stay anonymous.
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("alice:alice".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"body\":\"text\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private static String get(URI instance, String path, String forwardedFor, String basic) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.resolve(path))
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (basic != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes()));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s on %s", path, instance).isEqualTo(200);
        return response.body();
    }

    private static long query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
