package io.github.coalesce.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import io.github.coalesce.Coalescer;

/**
 * Two threads calling with keys that never repeat: every call leads its own flight. If the in-flight map serialised
 * callers, two threads would do no better than one.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DistinctKeysBenchmark {

    @State(Scope.Benchmark)
    public static class Shared {
        final Coalescer coalescer = new Coalescer();
    }

    @State(Scope.Thread)
    public static class Keys {
        private final Long[] keys = new Long[4096];
        private int next;

        public Keys() {
            long base = Thread.currentThread().threadId() << 32;
            for (int i = 0; i < keys.length; i++) {
                keys[i] = base + i;
            }
        }

        Long next() {
            return keys[next++ & (keys.length - 1)];
        }
    }

    @Benchmark
    @Threads(1)
    public long oneThread(Shared shared, Keys keys) throws Exception {
        Long key = keys.next();
        return shared.coalescer.execute(key, () -> key + 1);
    }

    @Benchmark
    @Threads(2)
    public long twoThreads(Shared shared, Keys keys) throws Exception {
        Long key = keys.next();
        return shared.coalescer.execute(key, () -> key + 1);
    }
}
