package io.github.coalesce.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.FlightGroup;
import io.github.coalesce.FlightGroups;
import io.quarkus.cache.CacheResult;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code @CacheResult} outside {@code @Coalesce}, SmallRye Fault Tolerance inside: a cache hit starts no flight, and a
 * retry happens once inside the leader's call instead of once per caller.
 */
class InterceptorOrderTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Flaky.class, Gated.class, Concurrently.class));

    @Inject
    Flaky flaky;

    @Inject
    FlightGroups groups;

    Concurrently callers;

    @BeforeEach
    void setUp() {
        callers = new Concurrently();
    }

    @AfterEach
    void tearDown() {
        flaky.release();
        callers.close();
    }

    @Test
    void retriesRunOnceInsideTheLeadersCallNotOncePerCaller() throws Exception {
        FlightGroup stats = groups.group(Flaky.class.getName() + "#lookup(long)").orElseThrow();
        List<Future<String>> results = callers.start(16, () -> flaky.lookup(5));
        // The first attempt waits for the gate; every other caller must be waiting on it, not retrying.
        await().atMost(5, TimeUnit.SECONDS).until(() -> stats.joined() == 15);
        flaky.release();

        assertThat(Concurrently.results(results)).containsOnly("value-5");
        assertThat(flaky.executions()).as("two failures and a success, in one flight").isEqualTo(3);
        assertThat(stats.executions()).isEqualTo(1);
    }

    @Test
    void aCacheHitStartsNoFlight() {
        FlightGroup stats = groups.group(Flaky.class.getName() + "#cached(long)").orElseThrow();
        assertThat(flaky.cached(9)).isEqualTo("cached-9");
        assertThat(flaky.cached(9)).isEqualTo("cached-9");
        assertThat(flaky.cached(9)).isEqualTo("cached-9");
        assertThat(flaky.cachedRuns()).isEqualTo(1);
        assertThat(stats.calls()).as("only the miss reached @Coalesce").isEqualTo(1);
    }

    @ApplicationScoped
    static class Flaky extends Gated {

        private final AtomicInteger cachedRuns = new AtomicInteger();

        @Coalesce
        @Retry(maxRetries = 3, delay = 10)
        String lookup(long id) throws InterruptedException {
            int attempt = pass();
            if (attempt < 3) {
                throw new IllegalStateException("transient failure " + attempt);
            }
            return "value-" + id;
        }

        @CacheResult(cacheName = "lookups")
        @Coalesce
        String cached(long id) {
            cachedRuns.incrementAndGet();
            return "cached-" + id;
        }

        int cachedRuns() {
            return cachedRuns.get();
        }
    }
}
