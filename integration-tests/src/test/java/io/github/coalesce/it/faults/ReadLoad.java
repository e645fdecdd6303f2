package io.github.coalesce.it.faults;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounded read load: {@code clients} virtual threads, each sending {@code GET /posts/{id}} one after the other until
 * {@link #stop()}, over the ids of the seeded posts. It keeps what a Jepsen-style checker needs: the views
 * <em>accepted</em> (responses 200, each of which recorded one view under the test profile's zero cooldown), the
 * requests that got no answer (<em>indeterminate</em>: the view may or may not have been recorded), every status
 * with a sample body, and each response's latency with the time it was sent.
 */
final class ReadLoad implements AutoCloseable {

    /** One response: when it was sent (ms since the load started), how long it took, its status. */
    record Sample(long sentAtMillis, long latencyMillis, int status) {
    }

    /** A request without an answer: when it was sent, when it failed (ms since the load started), and how. */
    record Failure(long sentAtMillis, long failedAtMillis, Kind kind) {
    }

    /** How a request went without an answer. */
    enum Kind {
        /** the connection was refused: nothing listened, so no view can have been recorded */
        REFUSED,
        /** the connection closed or reset before a response: the view may or may not have been recorded */
        RESET,
        /** no answer within the request (or connect) timeout: a hang, as far as a client can tell */
        TIMED_OUT
    }

    private final PackagedApp app;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder accepted = new LongAdder();
    private final LongAdder indeterminate = new LongAdder();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<Integer, String> sampleBodies = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong slowest = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final long started = System.nanoTime();

    /**
     * @param app the app under load
     * @param clients concurrent clients
     * @param posts ids {@code 1..posts} are read
     * @param timeout the request timeout: a response later than this counts as indeterminate
     */
    ReadLoad(PackagedApp app, int clients, int posts, Duration timeout) {
        this.app = app;
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofVirtual().start(() -> run(client, posts, timeout)));
        }
    }

    private void run(int clientNumber, int posts, Duration timeout) {
        long n = clientNumber;
        while (running.get()) {
            long id = 1 + (n++ % posts);
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(app.uri("/posts/" + id))
                        .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
                long latency = (System.nanoTime() - sent) / 1_000_000;
                slowest.accumulateAndGet(latency, Math::max);
                samples.add(new Sample((sent - started) / 1_000_000, latency, response.statusCode()));
                statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
                sampleBodies.putIfAbsent(response.statusCode(), response.body());
                if (response.statusCode() == 200) {
                    accepted.increment();
                }
            } catch (java.io.IOException e) {
                indeterminate.increment();
                failures.add(new Failure((sent - started) / 1_000_000, elapsedMillis(), kind(e)));
                PackagedApp.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Kind kind(java.io.IOException e) {
        if (e instanceof java.net.http.HttpTimeoutException) {
            return Kind.TIMED_OUT;
        }
        return e instanceof java.net.ConnectException ? Kind.REFUSED : Kind.RESET;
    }

    /** Stops sending and waits for the answers still on their way. */
    void stop() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    long accepted() {
        return accepted.sum();
    }

    long indeterminate() {
        return indeterminate.sum();
    }

    long slowestMillis() {
        return slowest.get();
    }

    Map<Integer, Long> statuses() {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    String sampleBody(int status) {
        return sampleBodies.get(status);
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** @return the 99th percentile latency of the 200 responses sent within [from, to) ms of the start */
    long p99Millis(long fromMillis, long toMillis) {
        List<Long> latencies = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.status() == 200 && sample.sentAtMillis() >= fromMillis && sample.sentAtMillis() < toMillis) {
                latencies.add(sample.latencyMillis());
            }
        }
        if (latencies.isEmpty()) {
            return -1;
        }
        Collections.sort(latencies);
        return latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(latencies.size() * 0.99) - 1));
    }

    long elapsedMillis() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void close() {
        stop();
    }
}
