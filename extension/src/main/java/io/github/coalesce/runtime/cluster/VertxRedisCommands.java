package io.github.coalesce.runtime.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * {@link RedisCommands} over a Vert.x Redis client (the one the Quarkus Redis extension configures, or one built by
 * hand in tests). Scripts go as {@code EVALSHA}, loaded by one {@code EVAL} on {@code NOSCRIPT}; the subscription
 * takes one connection of its own.
 * <p>
 * Internal: not part of the public API.
 */
public final class VertxRedisCommands implements RedisCommands {

    private final Redis redis;
    private final Map<String, String> shas = new ConcurrentHashMap<>();

    /** @param redis the client */
    public VertxRedisCommands(Redis redis) {
        this.redis = redis;
    }

    @Override
    public CompletionStage<List<String>> eval(String script, List<String> keys, List<String> args) {
        String sha = shas.computeIfAbsent(script, VertxRedisCommands::sha1);
        return redis.send(request(Command.EVALSHA, sha, keys, args))
                .recover(failure -> failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT")
                        ? redis.send(request(Command.EVAL, script, keys, args))
                        : io.vertx.core.Future.failedFuture(failure))
                .map(VertxRedisCommands::strings)
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Subscription> subscribe(String channel, Consumer<String> onMessage, Runnable onEnd) {
        CompletableFuture<Subscription> acknowledged = new CompletableFuture<>();
        redis.connect().onComplete(connected -> {
            if (connected.failed()) {
                acknowledged.completeExceptionally(connected.cause());
                return;
            }
            RedisConnection connection = connected.result();
            AtomicBoolean ended = new AtomicBoolean();
            Runnable endOnce = () -> {
                if (ended.compareAndSet(false, true)) {
                    connection.close();
                    onEnd.run();
                }
            };
            connection.handler(message -> {
                // ["message", channel, payload], as RESP2 array or RESP3 push.
                if (message != null && message.size() == 3 && "message".equals(message.get(0).toString())) {
                    onMessage.accept(message.get(2).toString());
                }
            });
            connection.exceptionHandler(failure -> endOnce.run());
            connection.endHandler(ignored -> endOnce.run());
            connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onComplete(reply -> {
                if (reply.succeeded()) {
                    acknowledged.complete(() -> {
                        ended.set(true);
                        connection.close();
                    });
                } else {
                    ended.set(true);
                    connection.close();
                    acknowledged.completeExceptionally(reply.cause());
                }
            });
        });
        return acknowledged;
    }

    private static Request request(Command command, String scriptOrSha, List<String> keys, List<String> args) {
        Request request = Request.cmd(command).arg(scriptOrSha).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(request::arg);
        return request;
    }

    private static List<String> strings(Response response) {
        if (response == null) {
            return Collections.singletonList(null);
        }
        if (response.type() == ResponseType.MULTI) {
            List<String> parts = new ArrayList<>(response.size());
            for (Response part : response) {
                parts.add(part == null ? null : part.toString());
            }
            return parts;
        }
        return Collections.singletonList(response.toString());
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
