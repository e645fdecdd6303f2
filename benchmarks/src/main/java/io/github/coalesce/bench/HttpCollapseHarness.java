package io.github.coalesce.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The http-collapse part: against the packaged sample app, whose {@code /feed.xml} takes 200 ms per rendering
 * ({@code blog.feed.extra-cost}), a single request's latency, then 256 concurrent GETs: how many renderings ran (read
 * from {@code /stats/http}), how many answers said {@code collapsed}, how many distinct bodies they carried, and the
 * burst's p50/p99 latency. The burst goes out on connections opened beforehand ({@link SocketBurst}). Writes metric -> number
 * as JSON.
 * Usage: HttpCollapseHarness BASE_URL OUT.json
 */
public final class HttpCollapseHarness {

    private static final int BURST = 256;
    private static final int BURSTS = 3;

    private HttpCollapseHarness() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        URI feed = base.resolve("/feed.xml");
        double[] single = new double[5];
        for (int i = 0; i < single.length; i++) {
            single[i] = timed(feed).get(30, TimeUnit.SECONDS);
        }
        Arrays.sort(single);
        // A burst of warm-up, then three, each its own flight (the next starts once every answer of the last has
        // arrived): each burst's counts are a round of the targets; the latencies of all three make the p50 and p99.
        // On a machine loaded to a load average of ~20, a burst's requests can arrive over more than the 200 ms
        // flight (2 or 3 executions in the first counted burst of two such runs, 1 in the others): that is the
        // machine, and the range shows it.
        SocketBurst.get(Collections.nCopies(BURST, feed), "Cache-Status");
        Results results = new Results();
        double[] executions = new double[BURSTS];
        double[] collapsed = new double[BURSTS];
        double[] distinctBodies = new double[BURSTS];
        double[] latencies = new double[BURSTS * BURST];
        for (int burst = 0; burst < BURSTS; burst++) {
            long before = leaders(base);
            List<SocketBurst.Answer> answers = SocketBurst.get(Collections.nCopies(BURST, feed), "Cache-Status");
            Set<String> bodies = new HashSet<>();
            for (int i = 0; i < BURST; i++) {
                SocketBurst.Answer answer = answers.get(i);
                if (answer.status() != 200) {
                    throw new IllegalStateException("GET " + feed + " answered " + answer.status());
                }
                latencies[burst * BURST + i] = answer.millis();
                collapsed[burst] += answer.header() != null && answer.header().endsWith("collapsed") ? 1 : 0;
                bodies.add(new String(answer.body(), StandardCharsets.UTF_8));
            }
            executions[burst] = leaders(base) - before;
            distinctBodies[burst] = bodies.size();
        }
        Arrays.sort(latencies);
        results.putRounds("http_collapse_executions", executions)
                .putRounds("http_collapse_collapsed_answers", collapsed)
                .putRounds("http_collapse_distinct_bodies", distinctBodies)
                .put("http_collapse_single_ms", round(single[single.length / 2]))
                .put("http_collapse_p50_ms", round(latencies[latencies.length / 2]))
                .put("http_collapse_p99_ms", round(latencies[(int) (latencies.length * 0.99)]))
                .write(Path.of(args[1]));
    }

    private static CompletableFuture<Double> timed(URI uri) {
        long start = System.nanoTime();
        // One client per request: its own connection, as separate feed readers would have.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
                    }
                    return (System.nanoTime() - start) / 1e6;
                });
    }

    private static long leaders(URI base) throws Exception {
        String stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/stats/http")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher feed = Pattern.compile("\"FeedResource#feed\":\\{\"leaders\":(\\d+)").matcher(stats);
        return feed.find() ? Long.parseLong(feed.group(1)) : 0;
    }

    private static double round(double millis) {
        return Math.round(millis * 10) / 10.0;
    }
}
