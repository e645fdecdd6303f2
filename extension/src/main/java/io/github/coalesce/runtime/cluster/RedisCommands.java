package io.github.coalesce.runtime.cluster;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The few Redis commands the cluster protocol needs, so that the protocol can be driven by any client. Replies come
 * back as strings: a script's array reply flattened, {@code null} for a nil.
 * <p>
 * Internal: not part of the public API.
 */
public interface RedisCommands {

    /**
     * Runs a Lua script ({@code EVALSHA}, loading it on {@code NOSCRIPT}).
     *
     * @param script the script's source
     * @param keys the keys it touches
     * @param args its other arguments
     * @return the reply: one element per array entry, or a single element for a scalar reply
     */
    CompletionStage<List<String>> eval(String script, List<String> keys, List<String> args);

    /**
     * Subscribes to one channel on a connection of its own.
     *
     * @param channel the channel
     * @param onMessage called with each message's payload, on the client's I/O thread (must not block)
     * @param onEnd called once when the subscription's connection closes or fails
     * @return a stage that completes once Redis acknowledged the subscription
     */
    CompletionStage<Subscription> subscribe(String channel, Consumer<String> onMessage, Runnable onEnd);

    /** An acknowledged subscription. */
    interface Subscription {

        /** Closes the subscription's connection. */
        void close();
    }
}
