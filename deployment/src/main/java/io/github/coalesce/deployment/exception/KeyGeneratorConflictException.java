package io.github.coalesce.deployment.exception;

import org.jboss.jandex.MethodInfo;

/** The key is either chosen with {@code @CoalesceKey} or computed by a key generator, never both. */
public class KeyGeneratorConflictException extends CoalesceDefinitionException {

    public KeyGeneratorConflictException(MethodInfo method) {
        super("@CoalesceKey parameters cannot be combined with @Coalesce(keyGenerator): choose one", method);
    }
}
