package io.github.coalesce.deployment;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import io.github.coalesce.Coalesce;
import io.github.coalesce.deployment.exception.ClusterWithoutRedisException;
import io.github.coalesce.deployment.exception.UnreadableClusterResultException;

/**
 * The build-time rules of {@code @Coalesce(scope = CLUSTER)}: the Redis client extension is present, Jackson can
 * read the result back as its generic type (the {@code Uni}/{@code CompletionStage} unwrapped), which is then passed
 * on as Jackson's canonical type name, and the key has a canonical form ({@link ClusterKeyTypes}).
 */
final class ClusterRules {

    private static final Set<DotName> WRAPPERS = Set.of(DotName.createSimple("io.smallrye.mutiny.Uni"),
            DotName.createSimple("java.util.concurrent.CompletionStage"),
            DotName.createSimple("java.util.concurrent.CompletableFuture"));
    /** JDK interfaces Jackson reads into a default implementation. */
    private static final Set<String> READABLE_JDK_INTERFACES = Set.of("java.util.List", "java.util.Set",
            "java.util.Collection", "java.util.Map", "java.util.SortedMap", "java.util.NavigableMap",
            "java.util.SortedSet", "java.util.NavigableSet", "java.util.Queue", "java.util.Deque",
            "java.lang.CharSequence", "java.time.temporal.Temporal");
    private static final DotName JSON_TYPE_INFO = DotName.createSimple("com.fasterxml.jackson.annotation.JsonTypeInfo");
    private static final DotName JSON_DESERIALIZE = DotName
            .createSimple("com.fasterxml.jackson.databind.annotation.JsonDeserialize");
    private static final DotName JSON_CREATOR = DotName.createSimple("com.fasterxml.jackson.annotation.JsonCreator");

    private final IndexView index;
    private final ClusterKeyTypes keys;
    private final boolean redisPresent;
    private final boolean clusterByDefault;

    ClusterRules(IndexView index, boolean redisPresent, boolean clusterByDefault) {
        this.index = index;
        this.keys = new ClusterKeyTypes(index);
        this.redisPresent = redisPresent;
        this.clusterByDefault = clusterByDefault;
    }

    /** Rules for an application with no cluster-scoped methods at all (tests of the other rules). */
    static ClusterRules none(IndexView index) {
        return new ClusterRules(index, false, false);
    }

    /**
     * @return the canonical result type of a cluster-scoped method, {@code null} for a local one or when a rule is
     *         broken (then added to {@code errors})
     */
    String check(MethodInfo method, AnnotationInstance coalesce, List<Throwable> errors) {
        AnnotationValue scope = coalesce.value("scope");
        Coalesce.Scope declared = scope == null ? Coalesce.Scope.DEFAULT : Coalesce.Scope.valueOf(scope.asEnum());
        boolean cluster = declared == Coalesce.Scope.CLUSTER || declared == Coalesce.Scope.DEFAULT && clusterByDefault;
        if (!cluster || method.returnType().kind() == Type.Kind.VOID) {
            return null;
        }
        if (!redisPresent) {
            errors.add(new ClusterWithoutRedisException(method));
            return null;
        }
        Type result = method.returnType();
        if (WRAPPERS.contains(result.name()) && result.kind() != Type.Kind.PARAMETERIZED_TYPE) {
            errors.add(new UnreadableClusterResultException(method, result, "a raw " + result.name()
                    .withoutPackagePrefix() + " does not say what it emits"));
            return null;
        }
        result = result(result);
        String why = unreadable(result);
        if (why != null) {
            errors.add(new UnreadableClusterResultException(method, result, why));
            return null;
        }
        return canonical(result);
    }

    /**
     * The key rule, for a method {@link #check} found cluster-scoped: every part of its key has a canonical form.
     *
     * @param keyParameters the {@code @CoalesceKey} positions, empty for every parameter
     * @param keyGenerator the key generator, or {@code null}
     */
    void checkKey(MethodInfo method, short[] keyParameters, DotName keyGenerator, List<Throwable> errors) {
        keys.check(method, keyParameters, keyGenerator, errors);
    }

    /** @return the rule's view of the key types, also what native images register for reflection */
    ClusterKeyTypes keys() {
        return keys;
    }

    /** @return what crosses instances: the type itself, or what the {@code Uni}/{@code CompletionStage} emits */
    static Type result(Type returnType) {
        return WRAPPERS.contains(returnType.name()) && returnType.kind() == Type.Kind.PARAMETERIZED_TYPE
                ? returnType.asParameterizedType().arguments().get(0)
                : returnType;
    }

    /** @return why Jackson cannot read the type back, or {@code null} when it can */
    String unreadable(Type type) {
        switch (type.kind()) {
            case PRIMITIVE:
                return null;
            case ARRAY:
                return unreadable(type.asArrayType().elementType());
            case TYPE_VARIABLE, UNRESOLVED_TYPE_VARIABLE, TYPE_VARIABLE_REFERENCE:
                return "a type variable leaves the type to read unknown";
            case WILDCARD_TYPE:
                return "a wildcard leaves the type to read unknown";
            case PARAMETERIZED_TYPE:
                String raw = unreadableClass(type.name());
                if (raw != null) {
                    return raw;
                }
                for (Type argument : type.asParameterizedType().arguments()) {
                    String why = unreadable(argument);
                    if (why != null) {
                        return why;
                    }
                }
                return null;
            default:
                return unreadableClass(type.name());
        }
    }

    private String unreadableClass(DotName name) {
        String className = name.toString();
        if (className.equals("java.lang.Object")) {
            return "Object says nothing about what to read";
        }
        ClassInfo clazz = index.getClassByName(name);
        if (className.startsWith("java.")) {
            if (clazz != null && clazz.isInterface() && !READABLE_JDK_INTERFACES.contains(className)) {
                return "an interface Jackson has no implementation for";
            }
            return null;
        }
        if (clazz == null) {
            return null; // a library class not in the index: left to run time
        }
        if (clazz.hasDeclaredAnnotation(JSON_TYPE_INFO) || clazz.hasDeclaredAnnotation(JSON_DESERIALIZE)) {
            return null;
        }
        if (clazz.isInterface() || java.lang.reflect.Modifier.isAbstract(clazz.flags()) && !clazz.isEnum()) {
            return "an interface or abstract class without @JsonTypeInfo or @JsonDeserialize";
        }
        if (clazz.nestingType() == ClassInfo.NestingType.INNER
                && !java.lang.reflect.Modifier.isStatic(clazz.flags())) {
            return "a non-static inner class needs its enclosing instance";
        }
        boolean creator = clazz.isRecord() || clazz.isEnum() || clazz.hasNoArgsConstructor()
                || clazz.methods().stream().anyMatch(m -> m.hasDeclaredAnnotation(JSON_CREATOR))
                || clazz.constructors().stream().anyMatch(c -> c.parametersCount() == 1);
        return creator ? null : "it has no no-argument constructor, no @JsonCreator and is not a record";
    }

    /** Jackson's canonical type name, e.g. {@code java.util.List<com.example.Post>}. */
    static String canonical(Type type) {
        return switch (type.kind()) {
            case PARAMETERIZED_TYPE -> type.name().toString() + type.asParameterizedType().arguments().stream()
                    .map(ClusterRules::canonical).collect(Collectors.joining(",", "<", ">"));
            case ARRAY -> type.name().toString();
            default -> type.name().toString();
        };
    }
}
