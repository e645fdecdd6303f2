package io.github.coalesce.runtime.cluster;

import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.arc.ActiveResult;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.client.RedisClientName;
import io.vertx.redis.client.Redis;

/**
 * Finds the application's Redis client for the cluster tier. A bean only when the application has the Redis client
 * extension; the {@code Instance} injection point makes that extension create its default client.
 * <p>
 * Internal: not part of the public API.
 */
@Singleton
public class RedisConnector {

    /** The commands over a usable client, or why there is none. */
    public record Connection(RedisCommands commands, String unavailable) {
    }

    @Inject
    Instance<Redis> defaultClient;

    /**
     * @param clientName the named client, or empty for the default one
     * @return the commands, or the reason the client cannot be used (it has no hosts, or does not exist)
     */
    public Connection connect(Optional<String> clientName) {
        InjectableInstance<Redis> client = clientName.isEmpty() ? Arc.container().select(Redis.class)
                : Arc.container().select(Redis.class, RedisClientName.Literal.of(clientName.get()));
        if (!client.isResolvable()) {
            return new Connection(null, "the Redis client '" + clientName.orElse("<default>") + "' does not exist ("
                    + "set quarkus.redis." + clientName.map(name -> "\"" + name + "\".").orElse("") + "hosts in the "
                    + "build's configuration)");
        }
        ActiveResult active = client.getHandle().getBean().checkActive();
        if (!active.value()) {
            String reason = active.inactiveReason().strip();
            int sentence = reason.indexOf(". ");
            return new Connection(null, sentence > 0 ? reason.substring(0, sentence) : reason);
        }
        return new Connection(new VertxRedisCommands(client.get()), null);
    }
}
