package io.github.coalesce.bench;

import java.nio.file.Path;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.coalesce.Coalesce;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The CDI path in a booted Quarkus application: the same trivial method on two application-scoped beans, one
 * {@code @Coalesce}, one not, called from one thread through their client proxies. The difference is what the
 * interceptor and the engine add to a call. Rounds of 2 000 000 calls, alternating, after warm-up rounds; the median
 * round is reported.
 */
@QuarkusMain
public class InterceptorMain implements QuarkusApplication {

    private static final int CALLS = 2_000_000;
    private static final int WARM_UP_ROUNDS = 4;
    private static final int ROUNDS = 7;

    static volatile long sink;

    @Inject
    CoalescedLookup coalesced;

    @Inject
    PlainLookup plain;

    @Override
    public int run(String... args) {
        String key = "post-42";
        double[] coalescedNanos = new double[ROUNDS];
        double[] plainNanos = new double[ROUNDS];
        for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
            long started = System.nanoTime();
            long sum = 0;
            for (int i = 0; i < CALLS; i++) {
                sum += plain.lookup(key);
            }
            long plainTook = System.nanoTime() - started;
            started = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                sum += coalesced.lookup(key);
            }
            long coalescedTook = System.nanoTime() - started;
            sink = sum;
            if (round >= 0) {
                plainNanos[round] = plainTook / (double) CALLS;
                coalescedNanos[round] = coalescedTook / (double) CALLS;
            }
        }
        new Results()
                .put("interceptor_direct_ns", median(plainNanos))
                .put("interceptor_coalesce_ns", median(coalescedNanos))
                .put("interceptor_overhead_ns", median(coalescedNanos) - median(plainNanos))
                .write(Path.of(args.length > 0 ? args[0] : "target/interceptor.json"));
        return 0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @ApplicationScoped
    public static class CoalescedLookup {
        @Coalesce
        public long lookup(String key) {
            return key.length() * 31L + 7;
        }
    }

    @ApplicationScoped
    public static class PlainLookup {
        public long lookup(String key) {
            return key.length() * 31L + 7;
        }
    }
}
