package io.github.coalesce.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.quarkus.test.QuarkusUnitTest;

/** {@code quarkus.coalesce.enabled=false}: every call runs the method, as if it were not annotated. */
class CoalesceDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Counter.class, Gated.class, Concurrently.class))
            .overrideConfigKey("quarkus.coalesce.enabled", "false");

    @Inject
    Counter counter;

    @Test
    void everyCallExecutes() throws Exception {
        try (Concurrently callers = new Concurrently()) {
            List<Future<Integer>> results = callers.start(4, () -> counter.next(1));
            await().atMost(5, TimeUnit.SECONDS).until(() -> counter.executions() == 4);
            counter.release();
            assertThat(Concurrently.results(results)).containsExactlyInAnyOrder(1, 2, 3, 4);
        }
    }

    @ApplicationScoped
    static class Counter extends Gated {

        @Coalesce
        int next(long id) throws InterruptedException {
            return pass();
        }
    }
}
