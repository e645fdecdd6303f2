package io.github.coalesce.deployment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.MethodParameterInfo;
import org.jboss.jandex.Type;

import io.github.coalesce.Coalesce;
import io.github.coalesce.CoalesceKey;
import io.github.coalesce.CoalesceKeyGenerator;
import io.github.coalesce.deployment.exception.InvalidDurationException;
import io.github.coalesce.deployment.exception.KeyGeneratorConflictException;
import io.github.coalesce.deployment.exception.KeyGeneratorInstantiationException;
import io.github.coalesce.deployment.exception.PrivateMethodException;
import io.github.coalesce.deployment.exception.StreamReturnTypeException;
import io.github.coalesce.deployment.exception.VoidReturnTypeException;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Finds the {@code @Coalesce} methods of an index (annotated directly, or through their class) and checks each
 * against every rule, collecting all violations instead of stopping at the first.
 */
final class CoalescedMethodScanner {

    static final DotName COALESCE = DotName.createSimple(Coalesce.class);
    static final DotName COALESCE_KEY = DotName.createSimple(CoalesceKey.class);
    static final DotName KEY_GENERATOR = DotName.createSimple(CoalesceKeyGenerator.class);
    private static final Set<DotName> STREAMS = Set.of(
            DotName.createSimple("io.smallrye.mutiny.Multi"),
            DotName.createSimple("org.reactivestreams.Publisher"),
            DotName.createSimple("java.util.concurrent.Flow$Publisher"));
    private static final Set<DotName> BEAN_DEFINING = Set.of(
            DotName.createSimple("jakarta.enterprise.context.ApplicationScoped"),
            DotName.createSimple("jakarta.enterprise.context.RequestScoped"),
            DotName.createSimple("jakarta.enterprise.context.Dependent"),
            DotName.createSimple("jakarta.inject.Singleton"));

    record Result(List<CoalescedMethodBuildItem> methods, List<Throwable> errors) {
    }

    private final IndexView index;
    private final ClusterRules cluster;
    private final List<CoalescedMethodBuildItem> methods = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    private CoalescedMethodScanner(IndexView index, ClusterRules cluster) {
        this.index = index;
        this.cluster = cluster;
    }

    static Result scan(IndexView index) {
        return scan(index, ClusterRules.none(index));
    }

    static Result scan(IndexView index, ClusterRules cluster) {
        CoalescedMethodScanner scanner = new CoalescedMethodScanner(index, cluster);
        for (AnnotationInstance coalesce : index.getAnnotations(COALESCE)) {
            if (coalesce.target().kind() == AnnotationTarget.Kind.METHOD) {
                scanner.check(coalesce.target().asMethod(), coalesce, true);
            } else if (coalesce.target().kind() == AnnotationTarget.Kind.CLASS) {
                scanner.checkClass(coalesce.target().asClass(), coalesce);
            }
        }
        return new Result(scanner.methods, scanner.errors);
    }

    /**
     * Class-level {@code @Coalesce} is inherited: it covers the business methods of the class and its subclasses that
     * return a single result. Methods returning {@code void} or a stream are left alone (the interceptor passes them
     * through), since a class usually has some; annotated directly, such a method is an error.
     */
    private void checkClass(ClassInfo annotated, AnnotationInstance coalesce) {
        List<ClassInfo> classes = new ArrayList<>();
        classes.add(annotated);
        classes.addAll(index.getAllKnownSubclasses(annotated.name()));
        for (ClassInfo clazz : classes) {
            for (MethodInfo method : clazz.methods()) {
                if (isBusinessMethod(method) && hasSingleResult(method) && !method.hasDeclaredAnnotation(COALESCE)) {
                    check(method, coalesce, false);
                }
            }
        }
    }

    private static boolean isBusinessMethod(MethodInfo method) {
        // Private methods are never intercepted; class-level bindings simply do not reach them.
        return !method.isConstructor() && !method.isStaticInitializer() && !method.isSynthetic()
                && !java.lang.reflect.Modifier.isPrivate(method.flags());
    }

    private static boolean hasSingleResult(MethodInfo method) {
        return method.returnType().kind() != Type.Kind.VOID && !STREAMS.contains(method.returnType().name());
    }

    private void check(MethodInfo method, AnnotationInstance coalesce, boolean declaredOnMethod) {
        int before = errors.size();
        if (declaredOnMethod && java.lang.reflect.Modifier.isPrivate(method.flags())) {
            errors.add(new PrivateMethodException(method));
        }
        Type returnType = method.returnType();
        if (returnType.kind() == Type.Kind.VOID) {
            errors.add(new VoidReturnTypeException(method));
        } else if (STREAMS.contains(returnType.name())) {
            errors.add(new StreamReturnTypeException(method));
        }
        checkDuration(method, coalesce, "maxWait");
        checkDuration(method, coalesce, "maxAge");
        short[] keyParameters = keyParameters(method);
        DotName keyGenerator = keyGenerator(coalesce);
        if (keyGenerator != null) {
            if (keyParameters.length > 0) {
                errors.add(new KeyGeneratorConflictException(method));
            }
            if (!isInstantiable(keyGenerator)) {
                errors.add(new KeyGeneratorInstantiationException(method, keyGenerator));
            }
        }
        String clusterResultType = cluster.check(method, coalesce, errors);
        if (clusterResultType != null) {
            cluster.checkKey(method, keyParameters, keyGenerator, errors);
        }
        if (errors.size() == before) {
            methods.add(new CoalescedMethodBuildItem(method, group(method, coalesce), keyParameters, keyGenerator,
                    coalesce, clusterResultType));
        }
    }

    private void checkDuration(MethodInfo method, AnnotationInstance coalesce, String member) {
        AnnotationValue value = coalesce.value(member);
        if (value == null || value.asString().isEmpty()) {
            return;
        }
        try {
            Duration duration = DurationConverter.parseDuration(value.asString());
            if (duration == null || duration.isNegative()) {
                errors.add(new InvalidDurationException(method, member, value.asString()));
            }
        } catch (RuntimeException e) {
            errors.add(new InvalidDurationException(method, member, value.asString()));
        }
    }

    private static short[] keyParameters(MethodInfo method) {
        List<Short> positions = new ArrayList<>();
        for (MethodParameterInfo parameter : method.parameters()) {
            if (parameter.hasDeclaredAnnotation(COALESCE_KEY)) {
                positions.add(parameter.position());
            }
        }
        short[] result = new short[positions.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = positions.get(i);
        }
        return result;
    }

    private static DotName keyGenerator(AnnotationInstance coalesce) {
        AnnotationValue value = coalesce.value("keyGenerator");
        if (value == null || value.asClass().name().equals(KEY_GENERATOR)) {
            return null;
        }
        return value.asClass().name();
    }

    private boolean isInstantiable(DotName keyGenerator) {
        ClassInfo clazz = index.getClassByName(keyGenerator);
        if (clazz == null) {
            return true; // Not indexed (a library class): checked when first used.
        }
        if (BEAN_DEFINING.stream().anyMatch(clazz::hasDeclaredAnnotation)) {
            return true;
        }
        return !clazz.isInterface() && !java.lang.reflect.Modifier.isAbstract(clazz.flags())
                && clazz.hasNoArgsConstructor();
    }

    private static String group(MethodInfo method, AnnotationInstance coalesce) {
        AnnotationValue name = coalesce.value("name");
        if (name != null && !name.asString().isEmpty()) {
            return name.asString();
        }
        return signature(method);
    }

    /** {@code declaring.Class#method(ParamType,…)}: the default group, and how logs and the Dev UI name a method. */
    static String signature(MethodInfo method) {
        return method.declaringClass().name() + "#" + method.name() + method.parameterTypes().stream()
                .map(type -> type.name().toString())
                .collect(Collectors.joining(",", "(", ")"));
    }
}
