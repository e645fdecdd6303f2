package io.github.coalesce.runtime.views;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of a view counter's configuration properties, derived from {@link ViewCountersConfig.CounterConfig}
 * the way SmallRye Config derives them (a member {@code batchSize} is {@code batch-size}), so that the build (which
 * finds named counters by their properties) and the error messages never hold a copy of the list.
 * <p>
 * Internal: not part of the public API.
 */
public final class CounterProperties {

    /** What every counter property starts with. */
    public static final String PREFIX = "quarkus.coalesce.view-counter.";

    private CounterProperties() {
    }

    /**
     * @return the property names of one counter, without prefix: {@code enabled}, {@code table}, {@code batch-size}…
     */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (Method member : ViewCountersConfig.CounterConfig.class.getDeclaredMethods()) {
            if (!Modifier.isStatic(member.getModifiers()) && member.getParameterCount() == 0) {
                names.add(kebab(member.getName()));
            }
        }
        return names;
    }

    /**
     * @param counter a counter's name, {@link ViewCountersConfig#DEFAULT} for the default one
     * @return what its properties start with, e.g. {@code quarkus.coalesce.view-counter."posts".}
     */
    public static String prefix(String counter) {
        return ViewCountersConfig.DEFAULT.equals(counter) ? PREFIX : PREFIX + "\"" + counter + "\".";
    }

    /**
     * @param member a Java member name, e.g. {@code maxConcurrentFlushes}
     * @return its property name, e.g. {@code max-concurrent-flushes}
     */
    public static String kebab(String member) {
        StringBuilder name = new StringBuilder(member.length() + 4);
        for (char c : member.toCharArray()) {
            if (Character.isUpperCase(c)) {
                name.append('-').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }
}
