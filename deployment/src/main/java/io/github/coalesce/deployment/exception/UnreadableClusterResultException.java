package io.github.coalesce.deployment.exception;

import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/** A cluster-scoped result crosses instances as JSON, so Jackson must be able to read it back as its type. */
public class UnreadableClusterResultException extends CoalesceDefinitionException {

    public UnreadableClusterResultException(MethodInfo method, Type type, String why) {
        super("@Coalesce(scope = CLUSTER) results cross instances as JSON, but Jackson cannot read back " + type
                + ": " + why, method);
    }
}
