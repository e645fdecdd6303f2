package io.github.coalesce.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The soak part: mixed traffic against the packaged sample app for {@code MINUTES} minutes at {@code CONNECTIONS}
 * clients — reads of the seeded posts (each a counted view; the app runs with cooldown 0), a burst of 50 concurrent
 * {@code GET /metadata} every 10 s, and a post written every 50th request by a signed-in author — then, per minute:
 * errors, p99, and the app's heap after a full GC ({@code jcmd GC.run}) and live threads. At the end the views
 * answered 200 are compared with {@code sum(post.views)} once the flush has run.
 * Usage: SoakHarness BASE_URL APP_PID JDBC_URL OUT.json [MINUTES] [CONNECTIONS]
 */
public final class SoakHarness {

    private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+]+)");
    private static final Pattern THREADS = Pattern.compile("jvm_threads_live_threads(?:\\{[^}]*})? ([0-9.E+]+)");
    private static final String AUTHOR = "Basic " + Base64.getEncoder()
            .encodeToString("alice:alice".getBytes(StandardCharsets.UTF_8));

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder views = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private volatile ConcurrentLinkedQueue<Long> minute = new ConcurrentLinkedQueue<>();

    private SoakHarness(URI base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        int connections = args.length > 5 ? Integer.parseInt(args[5]) : 64;
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(args[2]);
        db.setUser(System.getenv().getOrDefault("BENCH_DB_USER", "postgres"));
        db.setPassword(System.getenv().getOrDefault("BENCH_DB_PASSWORD", ""));
        new SoakHarness(URI.create(args[0])).run(Long.parseLong(args[1]), db, minutes, connections,
                Path.of(args[3]));
        System.exit(0);
    }

    private void run(long pid, PGSimpleDataSource db, int minutes, int connections, Path out) throws Exception {
        long viewsBefore = BenchDatabase.queryLong(db, "SELECT coalesce(sum(views), 0) FROM post");
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            clients.add(Thread.ofVirtual().start(this::client));
        }
        Thread bursts = Thread.ofVirtual().start(this::bursts);
        List<Long> p99s = new ArrayList<>();
        List<Long> heaps = new ArrayList<>();
        List<Long> threads = new ArrayList<>();
        for (int m = 1; m <= minutes; m++) {
            Thread.sleep(TimeUnit.MINUTES.toMillis(1));
            List<Long> latencies = new ArrayList<>(minute);
            minute = new ConcurrentLinkedQueue<>();
            Collections.sort(latencies);
            long p99 = latencies.isEmpty() ? -1 : latencies.get((int) (latencies.size() * 0.99));
            gc(pid);
            String metrics = get("/q/metrics");
            long heap = (long) sum(HEAP, metrics);
            long live = (long) sum(THREADS, metrics);
            p99s.add(p99);
            heaps.add(heap);
            threads.add(live);
            System.out.printf("  minute %d: %d requests, p99 %d ms, errors so far %d, heap after GC %d MiB, %d threads%n",
                    m, latencies.size(), p99, errors.sum(), heap >> 20, live);
        }
        running.set(false);
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(30));
        }
        bursts.join(Duration.ofSeconds(30));
        // Flush interval 1 s in the sample: wait until the database holds every view answered 200, or 30 s.
        long accepted = views.sum();
        long written = 0;
        for (int i = 0; i < 60 && written != accepted; i++) {
            Thread.sleep(500);
            written = BenchDatabase.queryLong(db, "SELECT coalesce(sum(views), 0) FROM post") - viewsBefore;
        }
        // Drift: heap and threads of the last minute against the second (the first still warms up the JIT); p99: the
        // worst minute after two of warm-up against the median of those minutes.
        int second = Math.min(1, p99s.size() - 1);
        List<Long> warm = new ArrayList<>(p99s.subList(Math.min(2, p99s.size() - 1), p99s.size()));
        Collections.sort(warm);
        double p99Median = warm.size() % 2 == 1 ? warm.get(warm.size() / 2)
                : (warm.get(warm.size() / 2 - 1) + warm.get(warm.size() / 2)) / 2.0;
        new Results().put("soak_minutes", minutes).put("soak_connections", connections)
                .put("soak_requests", requests.sum()).put("soak_errors", errors.sum())
                .put("soak_p99_ms_first_minute", p99s.get(0)).put("soak_p99_ms_last_minute", p99s.getLast())
                .put("soak_p99_worst_vs_median_after_warm_up", warm.getLast() / Math.max(1, p99Median))
                .put("soak_heap_after_gc_drift", (double) heaps.getLast() / heaps.get(second))
                .put("soak_threads_drift", (double) threads.getLast() / threads.get(second))
                .put("soak_views_accepted", accepted).put("soak_views_written", written)
                .put("soak_views_lost", accepted - written).write(out);
    }

    private void client() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            boolean write = random.nextInt(50) == 0;
            long started = System.nanoTime();
            try {
                HttpRequest.Builder request = write
                        ? HttpRequest.newBuilder(base.resolve("/posts")).header("Authorization", AUTHOR)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Soak " + started
                                        + "\",\"body\":\"Written under load.\",\"tags\":[\"soak\"]}"))
                        : HttpRequest.newBuilder(base.resolve("/posts/" + (1 + random.nextInt(36))));
                int status = http.send(request.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                record(started, write ? status == 201 : status == 200);
                if (!write && status == 200) {
                    views.increment();
                }
            } catch (Exception e) {
                record(started, false);
            }
        }
    }

    private void bursts() {
        while (running.get()) {
            List<Thread> burst = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                burst.add(Thread.ofVirtual().start(() -> {
                    long started = System.nanoTime();
                    try {
                        record(started, http.send(HttpRequest.newBuilder(base.resolve("/metadata"))
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode() == 200);
                    } catch (Exception e) {
                        record(started, false);
                    }
                }));
            }
            for (Thread each : burst) {
                try {
                    each.join();
                    Thread.sleep(10_000 / 50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void record(long started, boolean ok) {
        requests.increment();
        minute.add((System.nanoTime() - started) / 1_000_000);
        if (!ok) {
            errors.increment();
        }
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static double sum(Pattern pattern, String metrics) {
        double sum = 0;
        for (Matcher matcher = pattern.matcher(metrics); matcher.find();) {
            sum += Double.parseDouble(matcher.group(1));
        }
        return sum;
    }

    private static void gc(long pid) throws Exception {
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid),
                "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor(30, TimeUnit.SECONDS);
    }
}
