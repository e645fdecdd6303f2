package io.github.coalesce.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.coalesce.Coalescer;

/**
 * The thundering herd: N callers (virtual threads, released together by a latch) on one key of a 20 ms method. Per
 * N: the executions each round needed ({@code herd_executions_N}, 1 means one execution served everyone) and, per
 * block of rounds, the p99 of what a follower waited beyond the method's own run: from the moment the method returned
 * to the moment the follower had the result. The same herd on a bare {@code CompletableFuture} takes turns with the
 * engine's, round by round, so that each block gives the two p99s of the same minutes: their ratio is the target.
 */
public final class HerdHarness {

    /** Blocks of rounds: each gives one p99 of each herd, so that the report has rounds to show a range of. */
    private static final int BLOCKS = 3;
    private static final int ROUNDS_PER_BLOCK = 40;
    /** Go's code is compiled ahead of time; the JVM's is compiled while it runs, so it warms up for longer. */
    private static final int WARM_UP_ROUNDS = 10;
    /**
     * Calls that compile the leader's path before any herd. A herd runs it once per round, far below the JIT's
     * thresholds: interpreted, the engine's epilogue (the flight's removal, close and completion) took 20-26 µs
     * between the method's return and the followers' wake-up, which the bare future's leader (the JDK's
     * {@code complete} alone) did not pay, and which put the engine's p50 20-40 µs above the bare herd's. An
     * application that serves traffic has long compiled it.
     */
    private static final int JIT_WARM_UP_CALLS = 50_000;
    private static final long METHOD_MILLIS = 20;

    public static void main(String[] args) throws Exception {
        Results results = new Results();
        Coalescer coalescer = new Coalescer();
        for (int i = 0; i < JIT_WARM_UP_CALLS; i++) {
            coalescer.execute("warm-up", () -> "value");
            CompletableFuture<String> future = new CompletableFuture<>();
            future.complete("value");
            future.join();
        }
        for (int callers : new int[] { 1, 16, 256 }) {
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                round(coalescer, callers);
                if (callers > 1) {
                    bareFutureRound(callers);
                }
            }
            List<Double> executions = new ArrayList<>();
            double[][] p50 = new double[2][BLOCKS];
            double[][] p99 = new double[2][BLOCKS];
            for (int block = 0; block < BLOCKS; block++) {
                List<Long> overheads = new ArrayList<>();
                List<Long> floor = new ArrayList<>();
                for (int round = 0; round < ROUNDS_PER_BLOCK; round++) {
                    // The two herds take turns, and which goes first alternates (ABBA), so that neither always
                    // follows the other's garbage or the main thread's wake-up.
                    boolean engineFirst = round % 2 == 0;
                    if (callers > 1 && !engineFirst) {
                        floor.addAll(bareFutureRound(callers));
                    }
                    Round done = round(coalescer, callers);
                    executions.add((double) done.executions);
                    overheads.addAll(done.followerOverheadsNanos);
                    if (callers > 1 && engineFirst) {
                        floor.addAll(bareFutureRound(callers));
                    }
                }
                if (callers > 1) {
                    long[] sorted = overheads.stream().mapToLong(Long::longValue).sorted().toArray();
                    long[] floorSorted = floor.stream().mapToLong(Long::longValue).sorted().toArray();
                    p50[0][block] = Percentiles.nearestRank(sorted, 0.50) / 1_000.0;
                    p99[0][block] = Percentiles.nearestRank(sorted, 0.99) / 1_000.0;
                    p50[1][block] = Percentiles.nearestRank(floorSorted, 0.50) / 1_000.0;
                    p99[1][block] = Percentiles.nearestRank(floorSorted, 0.99) / 1_000.0;
                }
            }
            results.putRounds("herd_executions_" + callers,
                    executions.stream().mapToDouble(Double::doubleValue).toArray());
            if (callers > 1) {
                results.putRounds("herd_follower_overhead_p99_us_" + callers, p99[0]);
                results.putRounds("herd_follower_overhead_p50_us_" + callers, p50[0]);
                results.putRounds("herd_floor_bare_future_p99_us_" + callers, p99[1]);
                results.putRounds("herd_floor_bare_future_p50_us_" + callers, p50[1]);
            }
        }
        for (int followers : new int[] { 15, 255 }) {
            WakeUpTimeline.Profile profile = WakeUpTimeline.measure(followers);
            String n = "_" + (followers + 1);
            results.put("herd_timeline_unpark_each_us" + n, profile.unparkEachUs());
            results.put("herd_timeline_all_unparked_us" + n, profile.allUnparkedUs());
            results.put("herd_timeline_first_runs_us" + n, profile.firstRunsUs());
            results.put("herd_timeline_median_runs_us" + n, profile.medianRunsUs());
            results.put("herd_timeline_last_runs_us" + n, profile.lastRunsUs());
            results.put("herd_timeline_on_leaders_carrier" + n, profile.onLeadersCarrier());
            results.put("herd_timeline_last_on_leaders_carrier_us" + n, profile.lastOnLeadersCarrierUs());
            results.put("herd_timeline_carriers" + n, profile.carriersUsed());
        }
        results.write(Path.of(args.length > 0 ? args[0] : "target/herd.json"));
    }

    private record Round(int executions, List<Long> followerOverheadsNanos) {
    }

    private static Round round(Coalescer coalescer, int callers) throws InterruptedException {
        AtomicInteger executions = new AtomicInteger();
        AtomicLong methodReturned = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(callers);
        long[] finished = new long[callers];
        boolean[] led = new boolean[callers];
        String key = "post-" + System.nanoTime();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    coalescer.execute(key, () -> {
                        // Only the leader's own call runs.
                        executions.incrementAndGet();
                        led[caller] = true;
                        Thread.sleep(METHOD_MILLIS);
                        methodReturned.set(System.nanoTime());
                        return "value";
                    });
                    finished[caller] = System.nanoTime();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
        }
        Thread.sleep(5); // let every caller reach the latch
        start.countDown();
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("herd of " + callers + " did not finish");
        }
        List<Long> overheads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            if (!led[i]) {
                overheads.add(Math.max(0, finished[i] - methodReturned.get()));
            }
        }
        return new Round(executions.get(), overheads);
    }

    /** @return what each follower waited beyond the leader's completion of a bare future, in ns */
    private static List<Long> bareFutureRound(int callers) throws InterruptedException {
        CompletableFuture<String> shared = new CompletableFuture<>();
        AtomicLong completed = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(callers - 1);
        long[] finished = new long[callers - 1];
        for (int i = 0; i < callers - 1; i++) {
            int follower = i;
            Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    shared.get(); // untimed, as the followers of the Coalescer above wait
                    finished[follower] = System.nanoTime();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
        }
        Thread leader = Thread.ofVirtual().start(() -> {
            try {
                start.await();
                Thread.sleep(METHOD_MILLIS);
                completed.set(System.nanoTime());
                shared.complete("value");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(5);
        start.countDown();
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("bare herd of " + callers + " did not finish");
        }
        leader.join();
        List<Long> overheads = new ArrayList<>();
        for (long end : finished) {
            overheads.add(Math.max(0, end - completed.get()));
        }
        return overheads;
    }
}
