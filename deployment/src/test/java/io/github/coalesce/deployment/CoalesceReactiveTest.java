package io.github.coalesce.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.Coalescer;
import io.github.coalesce.FlightGroups;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

class CoalesceReactiveTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Metadata.class));

    @Inject
    Metadata metadata;

    @Inject
    FlightGroups groups;

    @Inject
    Coalescer engine;

    @BeforeEach
    void setUp() {
        metadata.reset();
    }

    @Test
    void aUniIsCoalescedAtSubscriptionNotAtMethodCall() throws Exception {
        Uni<String> first = metadata.site("home");
        Uni<String> second = metadata.site("home");
        assertThat(metadata.executions()).as("calling the method runs nothing").isZero();

        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add((i % 2 == 0 ? first : second).subscribeAsCompletionStage());
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> metadata.executions() == 1);
        metadata.complete("home-metadata");

        for (CompletableFuture<String> result : results) {
            assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("home-metadata");
        }
        assertThat(metadata.executions()).isEqualTo(1);

        // A later subscription to the same Uni starts a new flight: nothing is cached.
        CompletableFuture<String> later = first.subscribeAsCompletionStage();
        await().atMost(5, TimeUnit.SECONDS).until(() -> metadata.executions() == 2);
        metadata.complete("fresh");
        assertThat(later.get(5, TimeUnit.SECONDS)).isEqualTo("fresh");
    }

    @Test
    void aCancelledFollowerDoesNotCancelTheWorkOfTheOthers() throws Exception {
        Cancellable follower = metadata.site("feed").subscribe().with(item -> {
        });
        CompletableFuture<String> other = metadata.site("feed").subscribeAsCompletionStage();
        await().atMost(5, TimeUnit.SECONDS).until(() -> metadata.executions() == 1);
        follower.cancel();
        assertThat(metadata.cancellations()).isZero();

        metadata.complete("feed-metadata");
        assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("feed-metadata");
        assertThat(metadata.cancellations()).isZero();
    }

    @Test
    void theWorkIsCancelledOnlyWhenEverySubscriberHasCancelled() {
        Cancellable a = metadata.site("tags").subscribe().with(item -> {
        });
        Cancellable b = metadata.site("tags").subscribe().with(item -> {
        });
        await().atMost(5, TimeUnit.SECONDS).until(() -> metadata.executions() == 1);
        a.cancel();
        assertThat(metadata.cancellations()).isZero();
        b.cancel();
        await().atMost(5, TimeUnit.SECONDS).until(() -> metadata.cancellations() == 1);
        assertThat(engine.inFlight()).isZero();
    }

    @Test
    void completionStageCallersShareOneExecutionAndItsFailure() throws Exception {
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(metadata.preview("https://example.org/a").toCompletableFuture());
        }
        assertThat(metadata.executions()).isEqualTo(1);
        metadata.fail(new IllegalArgumentException("unreachable link"));

        Set<Throwable> causes = new java.util.HashSet<>();
        for (CompletableFuture<String> result : results) {
            assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("unreachable link");
            causes.add(result.handle((value, failure) -> failure).get());
        }
        assertThat(causes).as("the same exception for every caller").hasSize(1);
        // Each caller has its own stage: completing one does not complete the others.
        CompletableFuture<String> mine = metadata.preview("https://example.org/b").toCompletableFuture();
        CompletableFuture<String> theirs = metadata.preview("https://example.org/b").toCompletableFuture();
        mine.complete("hijacked");
        metadata.complete("preview-b");
        assertThat(theirs.get(5, TimeUnit.SECONDS)).isEqualTo("preview-b");
    }

    @ApplicationScoped
    static class Metadata {

        private final AtomicInteger executions = new AtomicInteger();
        private final AtomicInteger cancellations = new AtomicInteger();
        private volatile CompletableFuture<String> pending = new CompletableFuture<>();

        @Coalesce
        Uni<String> site(String page) {
            return Uni.createFrom().deferred(() -> {
                executions.incrementAndGet();
                return Uni.createFrom().completionStage(pending)
                        .onCancellation().invoke(cancellations::incrementAndGet);
            });
        }

        @Coalesce
        CompletionStage<String> preview(String url) {
            executions.incrementAndGet();
            return pending;
        }

        void reset() {
            executions.set(0);
            cancellations.set(0);
            pending = new CompletableFuture<>();
        }

        void complete(String value) {
            CompletableFuture<String> done = pending;
            pending = new CompletableFuture<>();
            done.complete(value);
        }

        void fail(Throwable failure) {
            CompletableFuture<String> done = pending;
            pending = new CompletableFuture<>();
            done.completeExceptionally(failure);
        }

        int executions() {
            return executions.get();
        }

        int cancellations() {
            return cancellations.get();
        }
    }

}
