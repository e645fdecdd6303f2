package io.github.coalesce.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.coalesce.Coalesce;
import io.github.coalesce.runtime.CoalescedMethods;
import io.github.coalesce.runtime.FlightKey;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * A {@code Uni} endpoint runs on the I/O thread; its {@code @Coalesce} call must learn the caller's principal without
 * blocking it, whether authentication already ran (proactive) or runs on first use (lazy). Real HTTP, real Basic
 * authentication against Quarkus' embedded users.
 */
abstract class UniOnIoThreadTest {

    static final String GROUP = Drafts.class.getName() + "#mine(long)";

    static QuarkusUnitTest application(boolean proactive) {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(Drafts.class, DraftsResource.class,
                        UniOnIoThreadTest.class))
                .overrideConfigKey("quarkus.http.auth.basic", "true")
                .overrideConfigKey("quarkus.http.auth.proactive", String.valueOf(proactive))
                .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
                .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
                .overrideConfigKey("quarkus.security.users.embedded.users.alice", "alice")
                .overrideConfigKey("quarkus.security.users.embedded.users.bob", "bob")
                // Any blocked event loop or refused blocking call would show up here.
                .setLogRecordPredicate(UniOnIoThreadTest::aboutBlocking)
                .assertLogRecords(records -> assertThat(records).extracting(LogRecord::getMessage).isEmpty());
    }

    private static boolean aboutBlocking(LogRecord record) {
        String text = record.getMessage() + (record.getThrown() == null ? "" : record.getThrown().toString());
        return text.contains("blocked") || text.contains("Blocked") || text.contains("BlockingOperation");
    }

    @TestHTTPResource("/drafts/1")
    URL drafts;

    @Inject
    Drafts bean;

    @Inject
    CoalescedMethods methods;

    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() {
        bean.release();
        bean.reset();
    }

    @Test
    void eachUserGetsTheirOwnExecutionWithoutBlockingTheEventLoop() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> alice = send("alice", "alice", 10);
        List<CompletableFuture<HttpResponse<String>>> bob = send("bob", "bob", 10);
        FlightKey aliceKey = new FlightKey(GROUP, 1L, "alice");
        FlightKey bobKey = new FlightKey(GROUP, 1L, "bob");
        await().atMost(10, TimeUnit.SECONDS).until(() -> methods.coalescer().callers(aliceKey) == 10
                && methods.coalescer().callers(bobKey) == 10);
        bean.release();

        assertThat(Set.copyOf(bodies(alice))).singleElement().asString().startsWith("drafts of alice #")
                .endsWith(" on the I/O thread: true");
        assertThat(Set.copyOf(bodies(bob))).singleElement().asString().startsWith("drafts of bob #")
                .endsWith(" on the I/O thread: true");
        assertThat(bean.executions()).isEqualTo(2);
    }

    @Test
    void anonymousCallersShareTheAnonymousScope() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> anonymous = send(null, null, 5);
        FlightKey key = new FlightKey(GROUP, 1L, FlightKey.ANONYMOUS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> methods.coalescer().callers(key) == 5);
        bean.release();

        assertThat(bodies(anonymous)).containsOnly("drafts of anonymous #1 on the I/O thread: true");
    }

    @Test
    void aWrongPasswordIsUnauthorizedNotAServerError() throws Exception {
        bean.release();
        HttpResponse<String> response = send("alice", "bob", 1).get(0).get(10, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(bean.executions()).isZero();
    }

    private List<CompletableFuture<HttpResponse<String>>> send(String user, String password, int count) {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(drafts.toString()));
            if (user != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            responses.add(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
        }
        return responses;
    }

    private static List<String> bodies(List<CompletableFuture<HttpResponse<String>>> responses) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            HttpResponse<String> done = response.get(10, TimeUnit.SECONDS);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            bodies.add(done.body());
        }
        return bodies;
    }

    @Path("/drafts")
    public static class DraftsResource {

        @Inject
        Drafts drafts;

        /** Returns a Uni: Quarkus REST runs it on the I/O thread. */
        @GET
        @Path("{id}")
        public Uni<String> mine(@PathParam("id") long id) {
            boolean onIoThread = Context.isOnEventLoopThread();
            return drafts.mine(id).map(drafts -> drafts + " on the I/O thread: " + onIoThread);
        }
    }

    @ApplicationScoped
    public static class Drafts {

        private final AtomicInteger executions = new AtomicInteger();
        private volatile CompletableFuture<Void> gate = new CompletableFuture<>();

        @Inject
        CurrentIdentityAssociation identity;

        /** Depends on who asks; waits, without blocking, until the test opens the gate. */
        @Coalesce
        public Uni<String> mine(long blogId) {
            int execution = executions.incrementAndGet();
            CompletableFuture<Void> open = gate;
            return identity.getDeferredIdentity().chain(caller -> Uni.createFrom().completionStage(open)
                    .map(ignored -> "drafts of " + name(caller) + " #" + execution));
        }

        private static String name(SecurityIdentity caller) {
            return caller.isAnonymous() ? "anonymous" : caller.getPrincipal().getName();
        }

        void release() {
            gate.complete(null);
        }

        void reset() {
            executions.set(0);
            gate = new CompletableFuture<>();
        }

        int executions() {
            return executions.get();
        }
    }
}
