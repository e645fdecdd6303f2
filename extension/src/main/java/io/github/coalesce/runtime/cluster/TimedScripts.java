package io.github.coalesce.runtime.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Lua script calls to Redis, each with its own timeout ({@code redis-timeout}: the client's own is far longer, and a
 * request must never wait on an absent Redis longer than this), each outcome fed to the breaker.
 */
final class TimedScripts {

    private final RedisCommands redis;
    private final Duration timeout;
    private final Breaker breaker;

    TimedScripts(RedisCommands redis, Duration timeout, Breaker breaker) {
        this.redis = redis;
        this.timeout = timeout;
        this.breaker = breaker;
    }

    CompletableFuture<List<String>> eval(String script, List<String> keys, List<String> args) {
        CompletableFuture<List<String>> reply;
        try {
            reply = redis.eval(script, keys, args).toCompletableFuture();
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.copy().orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((ok, failure) -> {
            if (failure == null) {
                breaker.success();
            } else {
                breaker.failure();
            }
        });
    }
}
