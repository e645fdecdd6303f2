package io.github.coalesce.runtime.cluster;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.coalesce.runtime.cluster.ClusterKeys.UnwritableKeyException;

/**
 * Writes a flight key as text that two instances write alike exactly when the keys are {@code equals}: each value is
 * tagged with its type (an {@code Integer} 1 is not a {@code Long} 1), sets and map entries are sorted by their own
 * canonical text, a {@code BigDecimal} keeps its scale ({@code 1.0} is not {@code 1.00}), records are written by
 * component. Only the types the build accepts for {@code scope = CLUSTER} are written; any other value (say, a key
 * generator returning something its declared type did not say) is {@linkplain UnwritableKeyException unwritable}, never guessed
 * at. No
 * bean introspection: a class whose {@code equals} compares private fields has no canonical form here.
 * <p>
 * Internal: not part of the public API.
 */
final class CanonicalKey {

    private CanonicalKey() {
    }

    static String write(Object key) throws UnwritableKeyException {
        StringBuilder out = new StringBuilder();
        write(key, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) throws UnwritableKeyException {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            quote(text, out.append('s'));
        } else if (value instanceof Boolean || value instanceof Character || value instanceof Byte
                || value instanceof Short || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof UUID || value instanceof BigInteger) {
            // toString is injective on each of these, and Float/Double's matches their equals (-0.0, NaN).
            out.append(value.getClass().getSimpleName()).append(':').append(value);
        } else if (value.getClass() == BigDecimal.class) {
            // One string per (unscaled value, scale): exactly what BigDecimal.equals compares.
            out.append("BigDecimal:").append(value);
        } else if (value instanceof Enum<?> constant) {
            out.append("enum:").append(constant.getDeclaringClass().getName()).append('.').append(constant.name());
        } else if (isTime(value.getClass())) {
            // java.time values print every field their equals compares (offset and zone included).
            quote(value.toString(), out.append(value.getClass().getSimpleName()));
        } else if (value instanceof Record record) {
            writeRecord(record, out);
        } else if (value.getClass().isArray()) {
            out.append('[');
            for (int i = 0, length = Array.getLength(value); i < length; i++) {
                write(Array.get(value, i), out.append(i == 0 ? "" : ","));
            }
            out.append(']');
        } else if (value instanceof List<?> list) {
            writeAll("list", new ArrayList<>(list), false, out);
        } else if (value instanceof Set<?> set) {
            writeAll("set", set, true, out);
        } else if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                StringBuilder one = new StringBuilder();
                write(entry.getKey(), one);
                write(entry.getValue(), one.append('='));
                entries.add(one.toString());
            }
            // Keys are distinct, so sorting the entries sorts by key.
            entries.sort(null);
            out.append("map{").append(String.join(",", entries)).append('}');
        } else {
            throw new UnwritableKeyException(value.getClass().getName()
                    + " has no canonical form (accepted: primitives and their "
                    + "boxes, String, enums, UUID, java.time values, BigDecimal, BigInteger, records, arrays, List, Set "
                    + "and Map of these)");
        }
    }

    private static void writeAll(String kind, Collection<?> elements, boolean sorted, StringBuilder out)
            throws UnwritableKeyException {
        List<String> written = new ArrayList<>(elements.size());
        for (Object element : elements) {
            written.add(write(element));
        }
        if (sorted) {
            written.sort(null);
        }
        out.append(kind).append('[').append(String.join(",", written)).append(']');
    }

    private static void writeRecord(Record record, StringBuilder out) throws UnwritableKeyException {
        out.append("record:").append(record.getClass().getName()).append('(');
        RecordComponent[] components = record.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            Method accessor = components[i].getAccessor();
            Object component;
            try {
                accessor.setAccessible(true);
                component = accessor.invoke(record);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                throw new UnwritableKeyException("component " + components[i].getName() + " of " + record.getClass().getName()
                        + " cannot be read: " + e);
            }
            write(component, out.append(i == 0 ? "" : ",").append(components[i].getName()).append('='));
        }
        out.append(')');
    }

    private static boolean isTime(Class<?> type) {
        return type.getPackageName().equals("java.time") && !Clock.class.isAssignableFrom(type);
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
