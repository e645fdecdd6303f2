package io.github.coalesce.deployment.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.coalesce.Coalesce;
import io.github.coalesce.runtime.cluster.ClusterCalls;
import io.github.coalesce.runtime.cluster.ClusterFlights;
import io.github.coalesce.runtime.cluster.ClusterKey;
import io.github.coalesce.runtime.cluster.ClusterKeys;
import io.github.coalesce.runtime.cluster.ClusterSettings;
import io.github.coalesce.runtime.cluster.ClusterTier;
import io.github.coalesce.runtime.cluster.JacksonResultCodec;
import io.github.coalesce.runtime.cluster.VertxRedisCommands;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/**
 * {@code @Coalesce(scope = CLUSTER)} in an application on the real Redis, against a second "instance" (an engine
 * with its own client, in the test): its execution answers the application's call, generic result type included,
 * and the application's answers its call. The start-up line says the groups share through Redis.
 */
class ClusterScopeTest {

    /** One per test JVM: the class is loaded twice (by JUnit, and by the application's class loader). */
    static final String PREFIX = (String) System.getProperties().computeIfAbsent("coalesce.cluster-scope-test.prefix",
            name -> "coalesce-test:" + UUID.randomUUID() + ":");
    static final String ITEMS = Catalog.class.getName() + "#items(java.lang.String)";
    static final String ITEM = Catalog.class.getName() + "#item(java.lang.String)";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Catalog.class, Item.class))
            .overrideConfigKey("quarkus.redis.hosts", "redis://127.0.0.1:6379")
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.coalesce.cluster.key-prefix", PREFIX)
            .overrideConfigKey("quarkus.application.version", "test-1")
            .setLogRecordPredicate(record -> record.getLoggerName().equals("io.github.coalesce"))
            .assertLogRecords(records -> assertThat(records).anySatisfy(record -> assertThat(record.getMessage())
                    .contains("share executions across instances through Redis")));

    static Vertx vertx;
    static Redis client;
    static ClusterFlights other;

    @Inject
    Catalog catalog;

    @Inject
    ObjectMapper mapper;

    @Inject
    ClusterTier tier;

    @BeforeAll
    static void otherInstance() {
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, "redis://127.0.0.1:6379");
        other = new ClusterFlights(new VertxRedisCommands(client), ClusterSettings.defaults(PREFIX));
        other.start();
        await().atMost(Duration.ofSeconds(5)).until(other::connected);
    }

    @AfterAll
    static void close() throws Exception {
        other.close();
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private ClusterKey key(String group, Object key, String type) throws Exception {
        String hash = new ClusterKeys("test-1").hash(group, key, null);
        assertThat(tier.keys().hash(group, key, null)).as("the application's hash of the same key and version")
                .isEqualTo(hash);
        return new ClusterKey(group, hash, new JacksonResultCodec(mapper, type));
    }

    @Test
    void anotherInstancesExecutionAnswersTheCallWithItsGenericType() throws Exception {
        ClusterKey key = key(ITEMS, "books", "java.util.List<" + Item.class.getName() + ">");
        CountDownLatch leading = new CountDownLatch(1);
        CompletableFuture<Object> remote = CompletableFuture.supplyAsync(() -> {
            try {
                return ClusterCalls.execute(other, key, () -> {
                    leading.countDown();
                    Thread.sleep(400);
                    return List.of(new Item("remote", 7));
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(leading.await(5, TimeUnit.SECONDS)).isTrue();
        int before = catalog.executions();
        List<Item> items = catalog.items("books");
        assertThat(items).containsExactly(new Item("remote", 7));
        assertThat(catalog.executions()).as("the application did not run the method").isEqualTo(before);
        assertThat(remote.get(5, TimeUnit.SECONDS)).isEqualTo(List.of(new Item("remote", 7)));
    }

    @Test
    void theApplicationsExecutionAnswersAnotherInstanceUni() throws Exception {
        ClusterKey key = key(ITEM, "pen", Item.class.getName());
        CompletableFuture<Item> local = catalog.item("pen").subscribeAsCompletionStage();
        await().atMost(Duration.ofSeconds(5)).until(() -> catalog.executions() > 0);
        Object fromOther = ClusterCalls.execute(other, key, () -> new Item("never", -1));
        assertThat(fromOther).isEqualTo(new Item("pen", 1));
        assertThat(local.get(5, TimeUnit.SECONDS)).isEqualTo(new Item("pen", 1));
    }

    public record Item(String name, int count) {
    }

    @ApplicationScoped
    public static class Catalog {

        final AtomicInteger executions = new AtomicInteger();

        public int executions() {
            return executions.get();
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public List<Item> items(String category) {
            executions.incrementAndGet();
            return List.of(new Item(category, 1));
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public Uni<Item> item(String name) {
            return Uni.createFrom().item(() -> new Item(name, executions.incrementAndGet()))
                    .onItem().delayIt().by(Duration.ofMillis(400));
        }
    }
}
