package io.github.coalesce.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * The in-flight map key of an intercepted call: its group, the key computed from the arguments, and the caller's
 * principal. Arrays (several key parameters, or an array-typed one) compare by content.
 * <p>
 * {@code principal} is {@code null} when the flight is not scoped by principal (the application has no Quarkus
 * Security, or the method says {@code shareAcrossPrincipals = true}), {@link #ANONYMOUS} for the one scope all
 * anonymous callers share, and otherwise the principal's name. Every form of coalescing that builds on this key
 * (across instances, over HTTP) takes the principal from here, so none of them can mix users.
 * <p>
 * Internal: not part of the public API.
 *
 * @param group the flight group
 * @param key the key computed from the arguments
 * @param principal the principal scope, or {@code null} when unscoped
 */
public record FlightKey(String group, Object key, String principal) {

    /** The principal scope shared by every anonymous caller. */
    public static final String ANONYMOUS = "";

    @Override
    public boolean equals(Object other) {
        return other instanceof FlightKey that && group.equals(that.group) && Objects.deepEquals(key, that.key)
                && Objects.equals(principal, that.principal);
    }

    @Override
    public int hashCode() {
        int hash = 31 * group.hashCode() + (key instanceof Object[] parts ? Arrays.deepHashCode(parts)
                : key == null ? 0 : key.getClass().isArray() ? Arrays.deepHashCode(new Object[] { key }) : key.hashCode());
        return principal == null ? hash : 31 * hash + principal.hashCode();
    }

    @Override
    public String toString() {
        String text = group + key(key);
        if (principal == null) {
            return text;
        }
        return text + (principal.isEmpty() ? " as anonymous" : " as " + principal);
    }

    private static String key(Object key) {
        // group[42] for one key parameter, group[42, en] for several.
        return Arrays.deepToString(key instanceof Object[] parts ? parts : new Object[] { key });
    }
}
