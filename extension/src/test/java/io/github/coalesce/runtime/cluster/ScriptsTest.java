package io.github.coalesce.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/** The protocol's Lua scripts, one by one, against the real Redis (keys under a prefix unique to this run). */
class ScriptsTest {

    private static final String PREFIX = "coalesce-test:" + java.util.UUID.randomUUID() + ":";
    private static Vertx vertx;
    private static Redis client;
    private static RedisCommands redis;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, RedisFixture.SHARED);
        redis = new VertxRedisCommands(client);
    }

    @AfterAll
    static void close() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<String> eval(String script, List<String> keys, String... args) throws Exception {
        return redis.eval(script, keys, List.of(args)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static List<String> keys(String name) {
        return List.of(PREFIX + "{" + name + "}:result", PREFIX + "{" + name + "}:lease");
    }

    @Test
    void acquireLeadsThenWaitsThenReadsTheStoredResult() throws Exception {
        List<String> keys = keys("acquire");
        List<String> first = eval(Scripts.ACQUIRE, keys, "token-a", "5000");
        assertThat(first).containsExactly("L");
        List<String> second = eval(Scripts.ACQUIRE, keys, "token-b", "5000");
        assertThat(second.get(0)).isEqualTo("W");
        assertThat(Long.parseLong(second.get(1))).isBetween(1L, 5000L);

        assertThat(eval(Scripts.COMPLETE, List.of(keys.get(1), keys.get(0)), "token-a", "\"v\"", "2000",
                PREFIX + "notices", "notice")).containsExactly("1");
        assertThat(eval(Scripts.ACQUIRE, keys, "token-b", "5000")).containsExactly("R", "\"v\"");
        assertThat(RedisFixture.cli("EXISTS", keys.get(1))).isEqualTo("0");
        long ttl = Long.parseLong(RedisFixture.cli("PTTL", keys.get(0)));
        assertThat(ttl).as("the result is a hand-over window, not a cache").isBetween(1L, 2000L);
    }

    @Test
    void aLeaseIsTakenShortAndLastsOnlyOnceItsHolderConfirmsIt() throws Exception {
        List<String> keys = keys("short");
        assertThat(eval(Scripts.ACQUIRE, keys, "confirmed", "200")).containsExactly("L");
        assertThat(eval(Scripts.RENEW, List.of(keys.get(1)), "confirmed", "5000")).containsExactly("1");
        List<String> unconfirmed = keys("unconfirmed");
        assertThat(eval(Scripts.ACQUIRE, unconfirmed, "gave-up", "200")).containsExactly("L");
        Thread.sleep(400);
        assertThat(RedisFixture.cli("EXISTS", unconfirmed.get(1))).as("nobody confirmed it: lapsed").isEqualTo("0");
        assertThat(RedisFixture.cli("GET", keys.get(1))).as("confirmed: still held").isEqualTo("confirmed");
    }

    @Test
    void renewExtendsOnlyItsOwnLease() throws Exception {
        List<String> keys = keys("renew");
        eval(Scripts.ACQUIRE, keys, "mine", "1000");
        assertThat(eval(Scripts.RENEW, List.of(keys.get(1)), "mine", "60000")).containsExactly("1");
        assertThat(Long.parseLong(RedisFixture.cli("PTTL", keys.get(1)))).isGreaterThan(1000L);
        assertThat(eval(Scripts.RENEW, List.of(keys.get(1)), "theirs", "60000")).containsExactly("0");
    }

    @Test
    void completeWithAStolenLeaseStoresAndPublishesNothing() throws Exception {
        List<String> keys = keys("stolen");
        eval(Scripts.ACQUIRE, keys, "old", "5000");
        RedisFixture.cli("DEL", keys.get(1));
        eval(Scripts.ACQUIRE, keys, "new", "5000");
        assertThat(eval(Scripts.COMPLETE, List.of(keys.get(1), keys.get(0)), "new", "\"new\"", "2000",
                PREFIX + "notices", "n")).containsExactly("1");
        assertThat(eval(Scripts.COMPLETE, List.of(keys.get(1), keys.get(0)), "old", "\"old\"", "2000",
                PREFIX + "notices", "n")).containsExactly("0");
        assertThat(RedisFixture.cli("GET", keys.get(0))).isEqualTo("\"new\"");
    }

    @Test
    void aFailureCompletesWithoutStoringAnything() throws Exception {
        List<String> keys = keys("failure");
        eval(Scripts.ACQUIRE, keys, "t", "5000");
        assertThat(eval(Scripts.COMPLETE, List.of(keys.get(1), keys.get(0)), "t", "", "2000", PREFIX + "notices",
                "failed")).containsExactly("1");
        assertThat(RedisFixture.cli("EXISTS", keys.get(0))).isEqualTo("0");
        assertThat(RedisFixture.cli("EXISTS", keys.get(1))).isEqualTo("0");
    }
}
