package io.github.coalesce.deployment.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.CoalesceKeyGenerator;
import io.github.coalesce.runtime.cluster.ClusterStats;
import io.github.coalesce.runtime.cluster.ClusterTier;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A key that passed the build but has no canonical form when written (here a generator whose list smuggles in an
 * {@code Optional}) never gets a shared hash: the call runs local-only with its own result, counted as
 * {@code unwritable-key} and logged once for the group.
 */
class ClusterUnwritableKeyTest {

    static final String PREFIX = (String) System.getProperties().computeIfAbsent(
            "coalesce.cluster-unwritable-key-test.prefix", name -> "coalesce-test:" + UUID.randomUUID() + ":");

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Lookup.class, Smuggling.class))
            .overrideConfigKey("quarkus.redis.hosts", "redis://127.0.0.1:6379")
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.coalesce.cluster.key-prefix", PREFIX)
            .setLogRecordPredicate(record -> record.getLoggerName().equals("io.github.coalesce"))
            .assertLogRecords(records -> assertThat(records)
                    .filteredOn(record -> record.getMessage().contains("unwritable-key")).singleElement()
                    .satisfies(record -> assertThat(record.getParameters()).anySatisfy(p -> assertThat(String
                            .valueOf(p)).contains("java.util.Optional"))));

    /** Declared {@code List<String>}, which the build accepts; what it returns is not. */
    public static class Smuggling implements CoalesceKeyGenerator {
        @Override
        @SuppressWarnings({ "unchecked", "rawtypes" })
        public List<String> generate(Method method, Object... arguments) {
            return (List) List.of(Optional.of(arguments[0]));
        }
    }

    @ApplicationScoped
    public static class Lookup {
        final AtomicInteger executions = new AtomicInteger();

        @Coalesce(name = "smuggled", scope = Coalesce.Scope.CLUSTER, shareAcrossPrincipals = true, keyGenerator = Smuggling.class)
        public String find(String id) throws InterruptedException {
            executions.incrementAndGet();
            Thread.sleep(300);
            return "found " + id;
        }

        int executions() {
            return executions.get();
        }
    }

    @Inject
    Lookup lookup;

    @Inject
    ClusterTier tier;

    @Test
    void theCallRunsLocalOnlyCountedAndLoggedOnce() throws Exception {
        assertThat(tier.flights()).as("the cluster tier is connected").isNotNull();
        assertThat(lookup.find("a")).isEqualTo("found a");
        assertThat(lookup.find("b")).isEqualTo("found b");
        assertThat(lookup.find("a")).isEqualTo("found a");
        assertThat(lookup.executions()).as("each call ran here: nothing was shared through Redis").isEqualTo(3);
        assertThat(tier.flights().stats("smuggled").fallbacks(ClusterStats.Fallback.UNWRITABLE_KEY))
                .as("one per call").isEqualTo(3);
    }
}
