package io.github.coalesce.bench.jmh;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.coalesce.Coalescer;

/**
 * One caller, no contention: what sharing costs when there is nobody to share with. The same trivial method called
 * directly, through {@link Coalescer}, through Caffeine's {@code AsyncCache.get(key, fn)} with the entry removed once
 * it completes (so that, like singleflight, nothing stays cached), and through the hand-rolled
 * {@code ConcurrentHashMap<K, CompletableFuture>} singleflight found in many code bases. The key is a string, as in
 * real use.
 * <p>
 * The call handed to each wrapper allocates nothing itself, as in Go's {@code singleflight} benchmark (a function
 * literal without captures returning a small integer), so that {@code -prof gc} counts the wrapper's own bytes: the
 * {@code Callable} is created once, and the method's result is a small {@code Long}, which {@code Long.valueOf} does
 * not allocate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CoalesceBenchmark {

    private final String key = "post-42";
    private final Coalescer coalescer = new Coalescer();
    /**
     * Maintenance on the calling thread: with Caffeine's default executor (the common pool) every write hands
     * maintenance to another thread, which in this loop costs ~27 µs per call on 2 cores; this is Caffeine at its
     * best, the fair comparison.
     */
    private final AsyncCache<String, Long> caffeine = Caffeine.newBuilder().executor(Runnable::run).buildAsync();
    private final ConcurrentHashMap<String, CompletableFuture<Long>> handRolled = new ConcurrentHashMap<>();

    /** The "slow lookup", here as cheap as it gets so that only the wrapping is measured. */
    static long lookup(String key) {
        return key.length() * 3L + 7;
    }

    private final Callable<Long> lookupCall = () -> lookup(key);

    @Benchmark
    public long direct() {
        return lookup(key);
    }

    @Benchmark
    public long coalesce() throws Exception {
        return coalescer.execute(key, lookupCall);
    }

    @Benchmark
    public long caffeineAsyncCache() {
        CompletableFuture<Long> value = caffeine.get(key, k -> lookup(k));
        long result = value.join();
        caffeine.asMap().remove(key, value);
        return result;
    }

    @Benchmark
    public long handRolledMap() {
        CompletableFuture<Long> mine = new CompletableFuture<>();
        CompletableFuture<Long> running = handRolled.putIfAbsent(key, mine);
        if (running != null) {
            return running.join();
        }
        try {
            mine.complete(lookup(key));
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        } finally {
            handRolled.remove(key, mine);
        }
        return mine.join();
    }
}
