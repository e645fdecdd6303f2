package io.github.coalesce.bench;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/**
 * One Redis script call with the Vert.x client the extension uses, timed three ways against the same server: from a
 * virtual thread that waits for the reply (as a request thread waits for an acquire: the call hops to an event loop
 * and the reply hops back), back to back and after an idle gap ({@link #afterIdle}: as a wake-up comes after the
 * leader's run, when the client's threads sleep; the cluster part times those in turn with its wake-ups), and
 * chained on the event loop itself (no hop). What separates them is what the cross-instance wake-up pays per round
 * trip besides Redis.
 */
final class RedisRoundTrip implements AutoCloseable {

    private static final int CALLS = 2_000;
    private static final String SCRIPT = "return redis.call('PTTL', KEYS[1])";

    /** p50 and p99 in µs: from a waiting thread, back to back; on the event loop. */
    record Times(double waitingP50, double waitingP99, double eventLoopP50, double eventLoopP99) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis;

    RedisRoundTrip(int port) {
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + port)
                .setMaxPoolSize(6));
    }

    /**
     * @return one call's round trip in ns, from a virtual thread, after idling {@code idleMillis} since the call
     *         before (which the caller makes, or this one's predecessor)
     */
    long afterIdle(long idleMillis) throws InterruptedException {
        long[] took = new long[1];
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(idleMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long start = System.nanoTime();
            redis.send(call()).toCompletionStage().toCompletableFuture().join();
            took[0] = System.nanoTime() - start;
        });
        caller.join();
        return took[0];
    }

    /** One call, untimed: the one an {@link #afterIdle} gap is counted from. */
    void prime() {
        redis.send(call()).toCompletionStage().toCompletableFuture().join();
    }

    Times measure() throws Exception {
        long[] waiting = new long[CALLS];
        for (int round = 0; round < 2; round++) { // the first round warms up
            Thread caller = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < CALLS; i++) {
                    long start = System.nanoTime();
                    redis.send(call()).toCompletionStage().toCompletableFuture().join();
                    waiting[i] = System.nanoTime() - start;
                }
            });
            caller.join();
        }
        long[] chained = new long[CALLS];
        for (int round = 0; round < 2; round++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            vertx.runOnContext(ignored -> chain(redis, chained, 0, done));
            done.join();
        }
        return new Times(percentile(waiting, 0.50), percentile(waiting, 0.99), percentile(chained, 0.50),
                percentile(chained, 0.99));
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static void chain(Redis redis, long[] times, int i, CompletableFuture<Void> done) {
        if (i == times.length) {
            done.complete(null);
            return;
        }
        long start = System.nanoTime();
        redis.send(call()).onComplete(reply -> {
            times[i] = System.nanoTime() - start;
            chain(redis, times, i + 1, done);
        });
    }

    private static Request call() {
        return Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg("bench:round-trip");
    }

    /** @return the nearest-rank {@code p} percentile of {@code nanos}, in µs */
    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return Percentiles.nearestRank(sorted, p) / 1_000.0;
    }
}
