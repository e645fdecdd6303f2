package io.github.coalesce.deployment.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.quarkus.test.QuarkusUnitTest;

/**
 * No Redis hosts configured (a fresh machine, dev mode, the default tests): cluster-scoped methods coalesce within
 * the instance, and one INFO line at start says so and why.
 */
class ClusterLocalOnlyTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Slow.class))
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .setLogRecordPredicate(record -> record.getLoggerName().equals("io.github.coalesce"))
            .assertLogRecords(records -> assertThat(records)
                    .filteredOn(record -> record.getMessage().contains("LOCAL-ONLY")).singleElement()
                    .satisfies(record -> {
                        assertThat(record.getLevel().getName()).isEqualTo("INFO");
                        assertThat(String.format(record.getMessage().replace("%s", "%s"), record.getParameters()))
                                .contains(Slow.class.getName() + "#value()", "neither the hosts");
                    }));

    @Inject
    Slow slow;

    @Test
    void clusterScopedCallsStillCoalesceWithinTheInstance() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> first = threads.submit(slow::value);
            Future<Integer> second = threads.submit(slow::value);
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(second.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @ApplicationScoped
    public static class Slow {
        final AtomicInteger executions = new AtomicInteger();

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public Integer value() {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return executions.incrementAndGet();
        }
    }
}
