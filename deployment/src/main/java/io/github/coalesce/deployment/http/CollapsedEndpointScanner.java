package io.github.coalesce.deployment.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import io.github.coalesce.CoalesceRequests;
import io.github.coalesce.deployment.exception.HttpInputStreamOrFileException;
import io.github.coalesce.deployment.exception.HttpServerSentEventsException;
import io.github.coalesce.deployment.exception.HttpStreamReturnTypeException;
import io.github.coalesce.deployment.exception.HttpStreamingOutputException;

/**
 * Finds the endpoints selected for request collapsing (annotated with {@code @CoalesceRequests}, on the method or
 * its class, or matching {@code quarkus.coalesce.http.paths}) and checks the annotated ones against the rules:
 * an endpoint whose response is a stream cannot be collapsed. Endpoints selected by path only are skipped when
 * they stream, since a pattern may well cover one.
 */
public final class CollapsedEndpointScanner {

    public static final DotName COALESCE_REQUESTS = DotName.createSimple(CoalesceRequests.class);
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName PRODUCES = DotName.createSimple("jakarta.ws.rs.Produces");
    private static final DotName SSE_SINK = DotName.createSimple("jakarta.ws.rs.sse.SseEventSink");
    private static final Set<DotName> HTTP_METHODS = Set.of(DotName.createSimple("jakarta.ws.rs.GET"),
            DotName.createSimple("jakarta.ws.rs.HEAD"), DotName.createSimple("jakarta.ws.rs.POST"),
            DotName.createSimple("jakarta.ws.rs.PUT"), DotName.createSimple("jakarta.ws.rs.DELETE"),
            DotName.createSimple("jakarta.ws.rs.PATCH"), DotName.createSimple("jakarta.ws.rs.OPTIONS"));
    private static final Set<DotName> STREAMS = Set.of(DotName.createSimple("io.smallrye.mutiny.Multi"),
            DotName.createSimple("org.reactivestreams.Publisher"),
            DotName.createSimple("java.util.concurrent.Flow$Publisher"));
    private static final DotName STREAMING_OUTPUT = DotName.createSimple("jakarta.ws.rs.core.StreamingOutput");
    private static final Set<DotName> FILES = Set.of(DotName.createSimple("java.io.InputStream"),
            DotName.createSimple("java.io.File"), DotName.createSimple("java.nio.file.Path"),
            DotName.createSimple("io.vertx.core.file.AsyncFile"),
            DotName.createSimple("org.jboss.resteasy.reactive.PathPart"),
            DotName.createSimple("org.jboss.resteasy.reactive.FilePart"));
    /** Wrappers whose first type argument is what is written. */
    private static final Set<DotName> WRAPPERS = Set.of(DotName.createSimple("io.smallrye.mutiny.Uni"),
            DotName.createSimple("java.util.concurrent.CompletionStage"),
            DotName.createSimple("java.util.concurrent.CompletableFuture"),
            DotName.createSimple("org.jboss.resteasy.reactive.RestResponse"));

    /**
     * @param endpoints the selected resource methods: {@code Class#method} to their path template
     * @param selectedByPath the methods selected only by path (no {@code @CoalesceRequests} on them or their class)
     * @param errors one per broken rule
     */
    public record Result(Map<String, String> endpoints, List<MethodInfo> selectedByPath, List<Throwable> errors) {
    }

    private CollapsedEndpointScanner() {
    }

    /**
     * @param index the application index
     * @param paths the {@code quarkus.coalesce.http.paths} patterns
     * @return the selected endpoints and the rules they break
     */
    public static Result scan(IndexView index, List<String> paths) {
        List<Pattern> patterns = paths.stream().map(CollapsedEndpointScanner::pattern).toList();
        Map<String, String> endpoints = new LinkedHashMap<>();
        List<MethodInfo> byPath = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (ClassInfo clazz : resourceClasses(index)) {
            boolean classAnnotated = clazz.declaredAnnotation(COALESCE_REQUESTS) != null;
            for (MethodInfo method : clazz.methods()) {
                if (!isResourceMethod(method)) {
                    continue;
                }
                String template = template(clazz, method);
                boolean annotated = classAnnotated || method.hasDeclaredAnnotation(COALESCE_REQUESTS);
                Throwable broken = broken(method);
                if (annotated) {
                    if (broken != null && (method.hasDeclaredAnnotation(COALESCE_REQUESTS) || isGet(method))) {
                        errors.add(broken);
                    } else if (broken == null) {
                        endpoints.put(clazz.name() + "#" + method.name(), template);
                    }
                } else if (broken == null && patterns.stream().anyMatch(p -> p.matcher(template).matches())) {
                    byPath.add(method);
                    endpoints.put(clazz.name() + "#" + method.name(), template);
                }
            }
        }
        return new Result(endpoints, byPath, errors);
    }

    private static List<ClassInfo> resourceClasses(IndexView index) {
        Map<DotName, ClassInfo> classes = new LinkedHashMap<>();
        for (AnnotationInstance path : index.getAnnotations(PATH)) {
            ClassInfo clazz = path.target().kind() == AnnotationTarget.Kind.CLASS ? path.target().asClass()
                    : path.target().kind() == AnnotationTarget.Kind.METHOD ? path.target().asMethod().declaringClass()
                            : null;
            if (clazz != null) {
                classes.putIfAbsent(clazz.name(), clazz);
            }
        }
        for (AnnotationInstance annotated : index.getAnnotations(COALESCE_REQUESTS)) {
            ClassInfo clazz = annotated.target().kind() == AnnotationTarget.Kind.CLASS ? annotated.target().asClass()
                    : annotated.target().asMethod().declaringClass();
            classes.putIfAbsent(clazz.name(), clazz);
        }
        return new ArrayList<>(classes.values());
    }

    private static boolean isResourceMethod(MethodInfo method) {
        return HTTP_METHODS.stream().anyMatch(method::hasDeclaredAnnotation);
    }

    private static boolean isGet(MethodInfo method) {
        return method.hasDeclaredAnnotation(DotName.createSimple("jakarta.ws.rs.GET"));
    }

    /** @return the rule this endpoint breaks, or {@code null} */
    private static Throwable broken(MethodInfo method) {
        Type written = written(method.returnType());
        if (STREAMS.contains(written.name())) {
            return new HttpStreamReturnTypeException(method);
        }
        if (written.name().equals(STREAMING_OUTPUT)) {
            return new HttpStreamingOutputException(method);
        }
        if (FILES.contains(written.name())) {
            return new HttpInputStreamOrFileException(method);
        }
        if (producesEventStream(method) || method.parameterTypes().stream().anyMatch(t -> t.name().equals(SSE_SINK))) {
            return new HttpServerSentEventsException(method);
        }
        return null;
    }

    private static Type written(Type type) {
        Type current = type;
        while (WRAPPERS.contains(current.name()) && current.kind() == Type.Kind.PARAMETERIZED_TYPE
                && !current.asParameterizedType().arguments().isEmpty()) {
            current = current.asParameterizedType().arguments().get(0);
        }
        return current;
    }

    private static boolean producesEventStream(MethodInfo method) {
        AnnotationInstance produces = method.declaredAnnotation(PRODUCES);
        if (produces == null) {
            produces = method.declaringClass().declaredAnnotation(PRODUCES);
        }
        AnnotationValue value = produces == null ? null : produces.value();
        if (value == null) {
            return false;
        }
        for (String type : value.asStringArray()) {
            if (type.contains("text/event-stream")) {
                return true;
            }
        }
        return false;
    }

    /** The class and method {@code @Path} joined, as <code>/p/&#123;id&#125;</code>. */
    static String template(ClassInfo clazz, MethodInfo method) {
        AnnotationInstance classPath = clazz.declaredAnnotation(PATH);
        AnnotationInstance methodPath = method.declaredAnnotation(PATH);
        String joined = "/" + (classPath == null ? "" : classPath.value().asString()) + "/"
                + (methodPath == null ? "" : methodPath.value().asString());
        String normalised = joined.replaceAll("/+", "/");
        return normalised.length() > 1 && normalised.endsWith("/")
                ? normalised.substring(0, normalised.length() - 1)
                : normalised;
    }

    /** {@code *} matches within one segment, {@code **} across segments; everything else literally. */
    static Pattern pattern(String glob) {
        StringBuilder regex = new StringBuilder();
        String trimmed = glob.trim();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '*' && i + 1 < trimmed.length() && trimmed.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
