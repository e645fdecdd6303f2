package io.github.coalesce.deployment.exception;

import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/**
 * A cluster-scoped key is shared by a hash of its canonical form, so its type must have one that follows
 * {@code equals}: otherwise two unequal keys could share one flight across instances.
 */
public class UncanonicalClusterKeyException extends CoalesceDefinitionException {

    /**
     * @param part which part of the key, e.g. {@code parameter 'key'}
     * @param type its type
     * @param why what lacks a canonical form
     */
    public UncanonicalClusterKeyException(MethodInfo method, String part, Type type, String why) {
        super("@Coalesce(scope = CLUSTER) shares a flight across instances by the canonical form of its key, but " + part
                + " of type " + type + " has none: " + why + ". Make the key a record of value types (String, "
                + "numbers, enums, UUID, java.time, and List/Set/Map or arrays of them), mark a @CoalesceKey String "
                + "parameter, or compute the key with a CoalesceKeyGenerator that returns one", method);
    }
}
