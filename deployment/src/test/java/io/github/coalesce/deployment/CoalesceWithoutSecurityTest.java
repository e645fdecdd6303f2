package io.github.coalesce.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.FlightSnapshot;
import io.github.coalesce.runtime.CoalescedMethods;
import io.github.coalesce.runtime.FlightKey;
import io.github.coalesce.runtime.PrincipalLookup;
import io.github.coalesce.runtime.security.SecurityPrincipalLookup;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * This module's applications have no Quarkus Security: the build decides that no method is principal-scoped, so no
 * identity is looked up on any call. (With security, see the security-tests module.)
 */
class CoalesceWithoutSecurityTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Lookups.class, Gated.class, Concurrently.class));

    @Inject
    Lookups lookups;

    @Inject
    CoalescedMethods methods;

    private final Concurrently callers = new Concurrently();

    @AfterEach
    void tearDown() {
        lookups.release();
        callers.close();
    }

    @Test
    void noPrincipalLookupExistsAndKeysAreUnscoped() throws Exception {
        // The security API jar is on this classpath (through REST's SPI), but the capability is not: nothing that
        // reads identities is registered.
        assertThat(Arc.container().select(PrincipalLookup.class).isResolvable()).isFalse();
        assertThat(Arc.container().beanManager().getBeans(SecurityPrincipalLookup.class)).isEmpty();

        List<Future<Integer>> results = callers.start(8, () -> lookups.find(1));
        await().atMost(5, TimeUnit.SECONDS).until(() -> methods.coalescer().callers(new FlightKey(
                Lookups.class.getName() + "#find(long)", 1L, null)) == 8);
        List<FlightSnapshot> flights = methods.coalescer().snapshot();
        lookups.release();

        assertThat(flights).singleElement()
                .satisfies(flight -> assertThat(((FlightKey) flight.key()).principal()).isNull());
        assertThat(Concurrently.results(results)).containsOnly(1);
        assertThat(lookups.executions()).isEqualTo(1);
    }

    @ApplicationScoped
    static class Lookups extends Gated {

        @Coalesce
        public int find(long id) throws InterruptedException {
            return pass();
        }
    }
}
