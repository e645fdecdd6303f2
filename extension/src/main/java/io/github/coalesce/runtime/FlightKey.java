package io.github.coalesce.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * The in-flight map key of an intercepted call: its group plus the key computed from the arguments. Arrays (several
 * key parameters, or an array-typed one) compare by content.
 */
public record FlightKey(String group, Object key) {

    @Override
    public boolean equals(Object other) {
        return other instanceof FlightKey that && group.equals(that.group) && Objects.deepEquals(key, that.key);
    }

    @Override
    public int hashCode() {
        return 31 * group.hashCode() + (key instanceof Object[] parts ? Arrays.deepHashCode(parts)
                : key == null ? 0 : key.getClass().isArray() ? Arrays.deepHashCode(new Object[] { key }) : key.hashCode());
    }

    @Override
    public String toString() {
        return group + key(key);
    }

    private static String key(Object key) {
        // group[42] for one key parameter, group[42, en] for several.
        return Arrays.deepToString(key instanceof Object[] parts ? parts : new Object[] { key });
    }
}
