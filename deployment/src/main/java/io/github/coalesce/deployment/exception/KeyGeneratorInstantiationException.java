package io.github.coalesce.deployment.exception;

import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;

/** A key generator that is neither a bean nor instantiable through a no-argument constructor. */
public class KeyGeneratorInstantiationException extends CoalesceDefinitionException {

    public KeyGeneratorInstantiationException(MethodInfo method, DotName generator) {
        super("@Coalesce(keyGenerator = " + generator.withoutPackagePrefix()
                + ".class) is neither a CDI bean nor a concrete class with a no-argument constructor", method);
    }
}
