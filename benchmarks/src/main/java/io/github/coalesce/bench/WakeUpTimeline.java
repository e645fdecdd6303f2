package io.github.coalesce.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Where a herd's follower wake-up goes, step by step, without the engine: the leader (a virtual thread, as in the herd
 * part) unparks its parked followers one by one, as {@code CompletableFuture.complete} does for its waiters, and every
 * step is timed on one clock: how long the leader takes to hand out each wake-up, and when each follower runs again,
 * on which carrier. A sampling profiler cannot see this (the whole wake-up of 16 lasts a fraction of a millisecond and
 * is spent in the scheduler, not in Java code of its own), so the timeline is the profile.
 */
final class WakeUpTimeline {

    private static final int ROUNDS = 40;
    private static final int WARM_UP_ROUNDS = 10;
    private static final long METHOD_MILLIS = 20;

    /** Medians over the rounds: times in µs from the leader's first unpark, and counts of followers and carriers. */
    record Profile(double unparkEachUs, double allUnparkedUs, double firstRunsUs, double medianRunsUs,
            double lastRunsUs, double onLeadersCarrier, double carriersUsed, double lastOnLeadersCarrierUs) {
    }

    static Profile measure(int followers) throws InterruptedException {
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            round(followers);
        }
        double[][] rounds = new double[ROUNDS][];
        for (int round = 0; round < ROUNDS; round++) {
            rounds[round] = round(followers);
        }
        double[] medians = new double[rounds[0].length];
        for (int column = 0; column < medians.length; column++) {
            int c = column;
            medians[column] = Percentiles.median(Arrays.stream(rounds).mapToDouble(r -> r[c]).toArray());
        }
        return new Profile(medians[0], medians[1], medians[2], medians[3], medians[4], medians[5], medians[6],
                medians[7]);
    }

    /** One herd; the columns of {@link Profile}. */
    private static double[] round(int followers) throws InterruptedException {
        Thread[] waiting = new Thread[followers];
        long[] ran = new long[followers];
        String[] carrier = new String[followers];
        AtomicInteger parked = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(followers);
        long[] unparkedAt = new long[followers + 1];
        String[] leaderCarrier = new String[1];
        // Volatile: each follower re-reads it after every return from park.
        AtomicBoolean released = new AtomicBoolean();
        for (int i = 0; i < followers; i++) {
            int follower = i;
            waiting[i] = Thread.ofVirtual().unstarted(() -> {
                parked.incrementAndGet();
                while (!released.get()) {
                    LockSupport.park();
                }
                ran[follower] = System.nanoTime();
                carrier[follower] = carrierOf(Thread.currentThread());
                done.countDown();
            });
        }
        for (Thread thread : waiting) {
            thread.start();
        }
        while (parked.get() < followers) {
            Thread.onSpinWait();
        }
        Thread.sleep(2); // every follower parked
        Thread leader = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(METHOD_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            released.set(true);
            for (int i = 0; i < followers; i++) {
                unparkedAt[i] = System.nanoTime();
                LockSupport.unpark(waiting[i]);
            }
            unparkedAt[followers] = System.nanoTime();
            leaderCarrier[0] = carrierOf(Thread.currentThread());
        });
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("timeline herd of " + followers + " did not finish");
        }
        leader.join();
        long origin = unparkedAt[0];
        double[] runs = Arrays.stream(ran).mapToDouble(t -> (t - origin) / 1_000.0).sorted().toArray();
        int onLeaders = 0;
        double lastOnLeaders = 0;
        for (int i = 0; i < followers; i++) {
            if (carrier[i].equals(leaderCarrier[0])) {
                onLeaders++;
                lastOnLeaders = Math.max(lastOnLeaders, (ran[i] - origin) / 1_000.0);
            }
        }
        double allUnparked = (unparkedAt[followers] - origin) / 1_000.0;
        return new double[] { allUnparked / followers, allUnparked, runs[0], runs[runs.length / 2],
                runs[runs.length - 1], onLeaders, Arrays.stream(carrier).distinct().count(), lastOnLeaders };
    }

    /** A virtual thread's {@code toString} names its carrier after the '@': {@code VirtualThread[#22]/runnable@...}. */
    private static String carrierOf(Thread virtual) {
        String name = virtual.toString();
        int at = name.lastIndexOf('@');
        return at < 0 ? name : name.substring(at + 1);
    }

    private WakeUpTimeline() {
    }
}
