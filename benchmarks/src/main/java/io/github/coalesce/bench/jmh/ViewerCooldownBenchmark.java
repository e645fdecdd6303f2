package io.github.coalesce.bench.jmh;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewWriter;
import io.github.coalesce.ViewerRelation;
import io.github.coalesce.Viewers;

/**
 * {@code record()} with the viewer relation and the cooldown on, as a site's requests pay it: a view that is a new
 * (post, viewer) pair (the cooldown's cache and the pair map each take an entry), and a reload within the cooldown
 * (stopped at the cache). The new pairs go into a fresh counter per invocation, large enough that nothing is evicted
 * or flushed while they are timed: what is timed is the request's share, not the flush's.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ViewerCooldownBenchmark {

    private static final int READERS = 1_000;
    /** Posts of the new pairs: a million views per invocation, so that the few invocations run.sh asks for are warm. */
    private static final int POSTS = 1_000;

    /** The readers, and the one whose request is being counted. */
    @State(Scope.Thread)
    public static class Readers {

        final ViewCounter.Viewer[] all = new ViewCounter.Viewer[READERS];
        ViewCounter.Viewer current;

        @Setup(Level.Trial)
        public void create() {
            for (int i = 0; i < READERS; i++) {
                all[i] = new ViewCounter.Viewer(Viewers.address("10.7." + i / 256 + "." + i % 256),
                        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                                + " Chrome/131.0.0.0 Safari/537.36");
            }
            current = all[0];
        }

        ViewCounter counter() {
            ViewCounterOptions inMemory = ViewCounterOptions.builder("bench-cooldown")
                    .flushInterval(Duration.ofHours(1)).maxPendingKeys(1_000_000).batchSize(1_000_000)
                    .maxConcurrentFlushes(1).cooldown(Duration.ofMinutes(10)).maxCooldownEntries(1_000_000)
                    .spillFile(null).build();
            return ViewCounter.builder(inMemory).writer(ViewWriter.Written::all).viewers(() -> current)
                    .viewerRelation(ViewerRelation.of("unused", "benchmark-secret-of-enough-length")).build();
        }
    }

    /** A counter that has seen nothing, for each invocation. */
    @State(Scope.Thread)
    public static class Fresh {

        ViewCounter counter;

        @Setup(Level.Invocation)
        public void start(Readers readers) {
            counter = readers.counter();
        }

        @TearDown(Level.Invocation)
        public void stop() {
            counter.close(Duration.ofMillis(1));
        }
    }

    /** A counter for the whole trial, which has seen every view before after the first round. */
    @State(Scope.Thread)
    public static class Reloads {

        ViewCounter counter;
        long next;

        @Setup(Level.Trial)
        public void start(Readers readers) {
            counter = readers.counter();
        }

        @TearDown(Level.Trial)
        public void stop() {
            counter.close(Duration.ofMillis(1));
        }
    }

    /** A million views, each a new pair: 1 000 readers over 1 000 posts. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(READERS * POSTS)
    public void recordNewPairs(Readers readers, Fresh fresh) {
        for (int post = 1; post <= POSTS; post++) {
            for (int i = 0; i < READERS; i++) {
                readers.current = readers.all[i];
                fresh.counter.record(post);
            }
        }
    }

    /** One reader reloading posts in turn: after the first round, every view is a repeat within the cooldown. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public void recordReloadWithinCooldown(Readers readers, Reloads reloads) {
        readers.current = readers.all[0];
        reloads.counter.record(1 + reloads.next++ % POSTS);
    }
}
