package io.github.coalesce.bench.jmh;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.ThreadParams;

import io.github.coalesce.Coalescer;

/**
 * One and two threads calling with distinct keys: every call leads its own flight. If the in-flight map serialised
 * callers, two threads would do no better than one. The same work as the Go part's distinct keys: each thread cycles
 * through its own 10 000 string keys {@code "post-N"} (made beforehand), and the call captures nothing and returns a
 * small number.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DistinctKeysBenchmark {

    static final int CYCLE = 10_000;

    private static final Callable<Long> LOOKUP = () -> 7L;

    @State(Scope.Benchmark)
    public static class Shared {
        final Coalescer coalescer = new Coalescer();
    }

    @State(Scope.Thread)
    public static class Keys {
        private final String[] keys = new String[CYCLE];
        private int next;

        @Setup
        public void make(ThreadParams thread) {
            for (int i = 0; i < CYCLE; i++) {
                keys[i] = "post-" + (thread.getThreadIndex() * CYCLE + i + 1);
            }
        }

        String next() {
            String key = keys[next];
            next = next + 1 == CYCLE ? 0 : next + 1;
            return key;
        }
    }

    @Benchmark
    @Threads(1)
    public long oneThread(Shared shared, Keys keys) throws Exception {
        return shared.coalescer.execute(keys.next(), LOOKUP);
    }

    @Benchmark
    @Threads(2)
    public long twoThreads(Shared shared, Keys keys) throws Exception {
        return shared.coalescer.execute(keys.next(), LOOKUP);
    }
}
