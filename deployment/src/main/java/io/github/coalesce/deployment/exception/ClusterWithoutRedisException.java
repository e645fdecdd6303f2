package io.github.coalesce.deployment.exception;

import org.jboss.jandex.MethodInfo;

/** A cluster-scoped method in an application without the Redis client extension has nothing to share through. */
public class ClusterWithoutRedisException extends CoalesceDefinitionException {

    public ClusterWithoutRedisException(MethodInfo method) {
        super("@Coalesce(scope = CLUSTER) needs the quarkus-redis-client extension (io.quarkus:quarkus-redis-client): "
                + "add it, or use scope = LOCAL", method);
    }
}
