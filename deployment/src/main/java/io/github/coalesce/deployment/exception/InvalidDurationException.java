package io.github.coalesce.deployment.exception;

import org.jboss.jandex.MethodInfo;

/** {@code maxWait} or {@code maxAge} that is not a non-negative duration. */
public class InvalidDurationException extends CoalesceDefinitionException {

    public InvalidDurationException(MethodInfo method, String member, String value) {
        super("@Coalesce(" + member + " = \"" + value
                + "\") is not a non-negative duration (examples: 500ms, 2s, 1m, PT1M)", method);
    }
}
