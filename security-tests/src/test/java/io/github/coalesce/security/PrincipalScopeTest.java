package io.github.coalesce.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.FlightSnapshot;
import io.github.coalesce.runtime.CoalescedMethods;
import io.github.coalesce.runtime.FlightKey;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With Quarkus Security in the application, the caller's principal is part of the key: each caller runs in its own
 * request context with its own identity, as an HTTP request would.
 */
class PrincipalScopeTest {

    static final String DRAFTS = Drafts.class.getName() + "#drafts(long)";
    static final String SITE = Drafts.class.getName() + "#site(long)";
    static final String STAGE = Drafts.class.getName() + "#draftsLater(long)";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Drafts.class, Gated.class, Concurrently.class));

    @Inject
    Drafts drafts;

    @Inject
    CoalescedMethods methods;

    @Inject
    CurrentIdentityAssociation association;

    private Concurrently callers;

    @BeforeEach
    void setUp() {
        callers = new Concurrently();
        drafts.reset();
    }

    @AfterEach
    void tearDown() {
        drafts.release();
        callers.close();
    }

    @Test
    void twoUsersWithTheSameArgumentsGetTwoExecutionsAndEachTheirOwnResult() throws Exception {
        List<Future<String>> alice = callers.start(5, as("alice", () -> drafts.drafts(1)));
        List<Future<String>> bob = callers.start(5, as("bob", () -> drafts.drafts(1)));
        awaitCallers(DRAFTS, 1L, "alice", 5);
        awaitCallers(DRAFTS, 1L, "bob", 5);
        drafts.release();

        List<String> aliceResults = Concurrently.results(alice);
        List<String> bobResults = Concurrently.results(bob);
        assertThat(Set.copyOf(aliceResults)).singleElement().asString().startsWith("drafts of alice #");
        assertThat(Set.copyOf(bobResults)).singleElement().asString().startsWith("drafts of bob #");
        assertThat(drafts.executions()).isEqualTo(2);
    }

    @Test
    void callsOfOneUserShareOneExecution() throws Exception {
        List<Future<String>> alice = callers.start(10, as("alice", () -> drafts.drafts(1)));
        awaitCallers(DRAFTS, 1L, "alice", 10);
        List<FlightSnapshot> flights = methods.coalescer().snapshot();
        drafts.release();

        assertThat(Concurrently.results(alice)).containsOnly("drafts of alice #1");
        assertThat(drafts.executions()).isEqualTo(1);
        assertThat(flights).singleElement().satisfies(flight -> assertThat(flight.key().toString())
                .isEqualTo(DRAFTS + "[1] as alice"));
    }

    @Test
    void anonymousCallersShareOneScopeApartFromUsers() throws Exception {
        List<Future<String>> anonymous = callers.start(6, as(null, () -> drafts.drafts(1)));
        List<Future<String>> alice = callers.start(2, as("alice", () -> drafts.drafts(1)));
        awaitCallers(DRAFTS, 1L, FlightKey.ANONYMOUS, 6);
        awaitCallers(DRAFTS, 1L, "alice", 2);
        drafts.release();

        assertThat(Set.copyOf(Concurrently.results(anonymous))).singleElement().asString()
                .startsWith("drafts of anonymous #");
        assertThat(Set.copyOf(Concurrently.results(alice))).singleElement().asString()
                .startsWith("drafts of alice #");
        assertThat(drafts.executions()).isEqualTo(2);
    }

    @Test
    void callsOutsideARequestShareTheAnonymousScope() throws Exception {
        List<Future<String>> anonymous = callers.start(3, as(null, () -> drafts.drafts(2)));
        List<Future<String>> noRequest = callers.start(3, () -> drafts.drafts(2));
        awaitCallers(DRAFTS, 2L, FlightKey.ANONYMOUS, 6);
        drafts.release();

        assertThat(Concurrently.results(anonymous)).containsOnly("drafts of anonymous #1");
        assertThat(Concurrently.results(noRequest)).containsOnly("drafts of anonymous #1");
        assertThat(drafts.executions()).isEqualTo(1);
    }

    @Test
    void shareAcrossPrincipalsLetsEveryUserJoinOneExecution() throws Exception {
        List<Future<String>> alice = callers.start(4, as("alice", () -> drafts.site(1)));
        List<Future<String>> bob = callers.start(4, as("bob", () -> drafts.site(1)));
        List<Future<String>> anonymous = callers.start(4, as(null, () -> drafts.site(1)));
        awaitCallers(SITE, 1L, null, 12);
        drafts.release();

        assertThat(Concurrently.results(alice)).containsOnly("site 1 #1");
        assertThat(Concurrently.results(bob)).containsOnly("site 1 #1");
        assertThat(Concurrently.results(anonymous)).containsOnly("site 1 #1");
        assertThat(drafts.executions()).isEqualTo(1);
    }

    @Test
    void completionStageMethodsAreScopedToo() throws Exception {
        List<Future<String>> alice = callers.start(3, as("alice", () -> join(drafts.draftsLater(1))));
        List<Future<String>> bob = callers.start(3, as("bob", () -> join(drafts.draftsLater(1))));
        awaitCallers(STAGE, 1L, "alice", 3);
        awaitCallers(STAGE, 1L, "bob", 3);
        drafts.release();

        assertThat(Set.copyOf(Concurrently.results(alice))).singleElement().asString().startsWith("later alice #");
        assertThat(Set.copyOf(Concurrently.results(bob))).singleElement().asString().startsWith("later bob #");
        assertThat(drafts.executions()).isEqualTo(2);
    }

    private static String join(CompletionStage<String> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void awaitCallers(String group, Object key, String principal, int expected) {
        FlightKey flight = new FlightKey(group, key, principal);
        await().atMost(5, TimeUnit.SECONDS).until(() -> methods.coalescer().callers(flight) == expected);
    }

    /** Runs the call in a request of its own, as {@code user} ({@code null}: anonymous). */
    private <T> Callable<T> as(String user, Callable<T> call) {
        return () -> {
            ManagedContext request = Arc.container().requestContext();
            request.activate();
            try {
                association.setIdentity(user == null
                        ? QuarkusSecurityIdentity.builder().setAnonymous(true).setPrincipal(new QuarkusPrincipal(""))
                                .build()
                        : QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user)).build());
                return call.call();
            } finally {
                request.terminate();
            }
        };
    }

    @ApplicationScoped
    static class Drafts extends Gated {

        @Inject
        SecurityIdentity identity;

        /** Depends on who asks: per principal (the default). */
        @Coalesce
        public String drafts(long blogId) throws InterruptedException {
            String caller = Arc.container().requestContext().isActive() && !identity.isAnonymous()
                    ? identity.getPrincipal().getName()
                    : "anonymous";
            return "drafts of " + caller + " #" + pass();
        }

        /** The same for everyone. */
        @Coalesce(shareAcrossPrincipals = true)
        public String site(long siteId) throws InterruptedException {
            return "site " + siteId + " #" + pass();
        }

        @Coalesce
        public CompletionStage<String> draftsLater(long blogId) {
            String caller = identity.getPrincipal().getName();
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return "later " + caller + " #" + pass();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}
