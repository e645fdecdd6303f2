package io.github.coalesce.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.CoalesceKey;
import io.github.coalesce.Coalescer;
import io.github.coalesce.FlightGroup;
import io.github.coalesce.FlightGroups;
import io.quarkus.test.QuarkusUnitTest;

class CoalesceSyncTest {

    static final String GROUP = Posts.class.getName() + "#find(long,java.lang.String)";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Posts.class, Gated.class, Concurrently.class));

    @Inject
    Posts posts;

    @Inject
    FlightGroups groups;

    @Inject
    Coalescer engine;

    Concurrently callers;

    @BeforeEach
    void setUp() {
        callers = new Concurrently();
        posts.reset();
    }

    @AfterEach
    void tearDown() {
        posts.release();
        callers.close();
    }

    @Test
    void concurrentCallsWithTheSameKeyShareOneExecution() throws Exception {
        FlightGroup stats = groups.group(GROUP).orElseThrow();
        long joinedBefore = stats.joined();
        // The second parameter is not a @CoalesceKey: callers that differ only in it still share.
        List<Future<String>> results = callers.start(32, () -> posts.find(7, Thread.currentThread().toString()));
        await().atMost(5, TimeUnit.SECONDS).until(() -> stats.joined() - joinedBefore == 31);
        posts.release();

        assertThat(Set.copyOf(Concurrently.results(results))).hasSize(1);
        assertThat(posts.executions()).isEqualTo(1);
        assertThat(engine.inFlight()).isZero();
    }

    @Test
    void differentKeysRunIndependently() throws Exception {
        List<Future<String>> seven = callers.start(4, () -> posts.find(7, "a"));
        List<Future<String>> eight = callers.start(4, () -> posts.find(8, "a"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> posts.executions() == 2);
        posts.release();

        assertThat(Concurrently.results(seven)).allMatch(result -> result.startsWith("post-7"));
        assertThat(Concurrently.results(eight)).allMatch(result -> result.startsWith("post-8"));
        assertThat(posts.executions()).isEqualTo(2);
    }

    @Test
    void nothingIsCachedOnceTheCallFinishes() throws Exception {
        posts.release();
        String first = posts.find(1, "a");
        String second = posts.find(1, "a");
        assertThat(first).isNotEqualTo(second);
        assertThat(posts.executions()).isEqualTo(2);
    }

    @Test
    void aFailureReachesEveryWaiterUnchangedAndIsForgotten() throws Exception {
        FlightGroup stats = groups.group(Posts.class.getName() + "#failing(long)").orElseThrow();
        long joinedBefore = stats.joined();
        List<Future<String>> results = callers.start(8, () -> posts.failing(3));
        await().atMost(5, TimeUnit.SECONDS).until(() -> stats.joined() - joinedBefore == 7);
        posts.release();

        Set<Throwable> failures = new java.util.HashSet<>();
        for (Future<String> result : results) {
            assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IOException.class).hasMessage("database unreachable");
            try {
                result.get();
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        assertThat(failures).as("every waiter gets the very same exception").hasSize(1);
        assertThat(posts.executions()).isEqualTo(1);

        assertThatThrownBy(() -> posts.failing(3)).isInstanceOf(IOException.class);
        assertThat(posts.executions()).as("the failure was not remembered").isEqualTo(2);
    }

    @Test
    void reentrantCallWithTheSameKeyFailsAtOnceNamingTheKey() {
        posts.release();
        assertThatThrownBy(() -> posts.recursive(42)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Re-entrant").hasMessageContaining("42");
        assertThat(engine.inFlight()).isZero();
    }

    @ApplicationScoped
    static class Posts extends Gated {

        @Inject
        Posts self;

        @Coalesce
        String find(@CoalesceKey long id, String requestedBy) throws InterruptedException {
            pass();
            return "post-" + id + "-" + System.nanoTime();
        }

        @Coalesce
        String failing(long id) throws IOException, InterruptedException {
            pass();
            throw new IOException("database unreachable");
        }

        @Coalesce
        String recursive(long id) throws Exception {
            return self.recursive(id);
        }
    }
}
