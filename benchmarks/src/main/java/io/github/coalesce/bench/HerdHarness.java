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
 * N: the most executions any round needed ({@code herd_executions_N}, 1 means one execution served everyone) and the
 * p99 over all rounds of what a follower waited beyond the method's own run: from the moment the method returned to
 * the moment the follower had the result.
 */
public final class HerdHarness {

    private static final int ROUNDS = 40;
    /** Go's code is compiled ahead of time; the JVM's is compiled while it runs, so it warms up for longer. */
    private static final int WARM_UP_ROUNDS = 10;
    private static final long METHOD_MILLIS = 20;

    public static void main(String[] args) throws Exception {
        Results results = new Results();
        Coalescer coalescer = new Coalescer();
        long[] overheadsForAll = new long[0];
        for (int callers : new int[] { 1, 16, 256 }) {
            // The same herd on a bare CompletableFuture (the leader completes it, the followers get() it), in turn
            // with the engine's rounds so that both see the same JIT and machine: what the JDK's virtual-thread
            // wake-up costs here without the engine.
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                round(coalescer, callers);
                if (callers > 1) {
                    bareFutureRound(callers);
                }
            }
            int worstExecutions = 0;
            List<Long> overheads = new ArrayList<>();
            List<Long> floor = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                Round done = round(coalescer, callers);
                worstExecutions = Math.max(worstExecutions, done.executions);
                overheads.addAll(done.followerOverheadsNanos);
                if (callers > 1) {
                    floor.addAll(bareFutureRound(callers));
                }
            }
            results.put("herd_executions_" + callers, worstExecutions);
            if (callers > 1) {
                long[] floorSorted = floor.stream().mapToLong(Long::longValue).sorted().toArray();
                results.put("herd_floor_bare_future_p99_us_" + callers, Percentiles.nearestRank(floorSorted, 0.99) / 1_000.0);
                results.put("herd_floor_bare_future_p50_us_" + callers, Percentiles.nearestRank(floorSorted, 0.50) / 1_000.0);
                long[] sorted = overheads.stream().mapToLong(Long::longValue).sorted().toArray();
                results.put("herd_follower_overhead_p99_us_" + callers, Percentiles.nearestRank(sorted, 0.99) / 1_000.0);
                results.put("herd_follower_overhead_p50_us_" + callers, Percentiles.nearestRank(sorted, 0.50) / 1_000.0);
                overheadsForAll = sorted;
            }
        }
        // The single number: the largest herd.
        results.put("herd_follower_overhead_p99_us", Percentiles.nearestRank(overheadsForAll, 0.99) / 1_000.0);
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
