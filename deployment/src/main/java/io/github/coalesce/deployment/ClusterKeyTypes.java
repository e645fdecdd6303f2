package io.github.coalesce.deployment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.RecordComponentInfo;
import org.jboss.jandex.Type;

import io.github.coalesce.deployment.exception.UncanonicalClusterKeyException;

/**
 * The key rule of {@code @Coalesce(scope = CLUSTER)}: instances share a flight by a hash of the key's canonical form,
 * so the key's type must have one that compares what {@code equals} compares, whatever instance writes it. That holds
 * for value types (primitives and boxes, {@code String}, enums, {@code UUID}, {@code java.time},
 * {@code BigDecimal}/{@code BigInteger}), records of them, arrays and {@code List}/{@code Set}/{@code Map} of them.
 * A plain class does not qualify: its {@code equals} may compare fields nothing outside it can see.
 */
final class ClusterKeyTypes {

    private static final Set<String> VALUES = Set.of("java.lang.Boolean", "java.lang.Character", "java.lang.Byte",
            "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.String", "java.util.UUID", "java.math.BigDecimal", "java.math.BigInteger");
    private static final Set<String> TIME = Set.of("Instant", "LocalDate", "LocalTime", "LocalDateTime",
            "OffsetDateTime", "OffsetTime", "ZonedDateTime", "Duration", "Period", "Year", "YearMonth", "MonthDay",
            "ZoneOffset", "ZoneId", "DayOfWeek", "Month");
    private static final Set<String> COLLECTIONS = Set.of("java.util.List", "java.util.ArrayList",
            "java.util.LinkedList", "java.util.Set", "java.util.HashSet", "java.util.LinkedHashSet",
            "java.util.SortedSet", "java.util.NavigableSet", "java.util.TreeSet", "java.util.Map", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.SortedMap", "java.util.NavigableMap", "java.util.TreeMap");
    private static final String GENERATE = "generate";

    private final IndexView index;

    ClusterKeyTypes(IndexView index) {
        this.index = index;
    }

    /**
     * Adds an {@link UncanonicalClusterKeyException} for every part of the key without a canonical form.
     *
     * @param keyParameters the {@code @CoalesceKey} positions, empty for every parameter
     * @param generator the key generator, or {@code null}
     */
    void check(MethodInfo method, short[] keyParameters, DotName generator, List<Throwable> errors) {
        if (generator != null) {
            Type result = generatorResult(generator);
            String why = result == null ? null : uncanonical(result, new HashSet<>());
            if (why != null) {
                errors.add(new UncanonicalClusterKeyException(method, "the result of " + generator
                        .withoutPackagePrefix() + ".generate(…)", result, why));
            }
            return;
        }
        for (int position : positions(method, keyParameters)) {
            Type type = method.parameterType(position);
            String why = uncanonical(type, new HashSet<>());
            if (why != null) {
                String name = method.parameterName(position);
                errors.add(new UncanonicalClusterKeyException(method, "parameter " + (name == null ? "#" + position
                        : "'" + name + "'"), type, why));
            }
        }
    }

    /** @return the types the key is made of: the key parameters', or the generator's declared result */
    List<Type> keyTypes(MethodInfo method, short[] keyParameters, DotName generator) {
        List<Type> types = new ArrayList<>();
        if (generator != null) {
            Type result = generatorResult(generator);
            if (result != null) {
                types.add(result);
            }
            return types;
        }
        for (int position : positions(method, keyParameters)) {
            types.add(method.parameterType(position));
        }
        return types;
    }

    private static boolean isJdkEnum(String className) {
        try {
            return Class.forName(className, false, ClassLoader.getPlatformClassLoader()).isEnum();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static int[] positions(MethodInfo method, short[] keyParameters) {
        if (keyParameters.length == 0) {
            return java.util.stream.IntStream.range(0, method.parametersCount()).toArray();
        }
        int[] positions = new int[keyParameters.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = keyParameters[i];
        }
        return positions;
    }

    /** @return the return type of the most specific {@code generate(Method, Object...)}, {@code null} if not indexed */
    private Type generatorResult(DotName generator) {
        for (ClassInfo clazz = index.getClassByName(generator); clazz != null; clazz = clazz.superName() == null
                ? null
                : index.getClassByName(clazz.superName())) {
            for (MethodInfo candidate : clazz.methods()) {
                if (candidate.name().equals(GENERATE) && candidate.parametersCount() == 2 && !candidate.isSynthetic()
                        && !java.lang.reflect.Modifier.isAbstract(candidate.flags())) {
                    return candidate.returnType();
                }
            }
        }
        return null;
    }

    /** @return why the type has no canonical form, or {@code null} when it has one */
    String uncanonical(Type type, Set<DotName> seen) {
        switch (type.kind()) {
            case PRIMITIVE:
                return null;
            case ARRAY:
                return uncanonical(type.asArrayType().elementType(), seen);
            case TYPE_VARIABLE, UNRESOLVED_TYPE_VARIABLE, TYPE_VARIABLE_REFERENCE:
                return "a type variable leaves the key's type unknown";
            case WILDCARD_TYPE:
                return "a wildcard leaves the key's type unknown";
            case PARAMETERIZED_TYPE:
                if (!COLLECTIONS.contains(type.name().toString())) {
                    return type.name() + " is not a List, Set or Map";
                }
                for (Type argument : type.asParameterizedType().arguments()) {
                    String why = uncanonical(argument, seen);
                    if (why != null) {
                        return why;
                    }
                }
                return null;
            default:
                return uncanonicalClass(type.name(), seen);
        }
    }

    private String uncanonicalClass(DotName name, Set<DotName> seen) {
        String className = name.toString();
        if (VALUES.contains(className) || name.packagePrefix() != null && name.packagePrefix().equals("java.time")
                && TIME.contains(name.withoutPackagePrefix())) {
            return null;
        }
        if (COLLECTIONS.contains(className)) {
            return "a raw " + name.withoutPackagePrefix() + " says nothing about its elements";
        }
        ClassInfo clazz = index.getClassByName(name);
        if (clazz == null && !className.startsWith("java.")) {
            return null; // a library class not in the index: checked when written, at run time
        }
        if (clazz != null ? clazz.isEnum() : isJdkEnum(className)) {
            return null;
        }
        if (clazz != null && clazz.isRecord()) {
            if (!seen.add(name)) {
                return null;
            }
            for (RecordComponentInfo component : clazz.recordComponents()) {
                String why = uncanonical(component.type(), seen);
                if (why != null) {
                    return "its component " + component.name() + ": " + why;
                }
            }
            return null;
        }
        return className + " is neither a record nor a value type, so nothing says its equals compares only what "
                + "can be written";
    }
}
