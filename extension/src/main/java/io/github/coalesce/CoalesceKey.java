package io.github.coalesce;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter of a {@link Coalesce} method as part of the flight key. When no parameter is marked, all of them
 * form the key. Key values must implement {@code equals} and {@code hashCode}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CoalesceKey {
}
