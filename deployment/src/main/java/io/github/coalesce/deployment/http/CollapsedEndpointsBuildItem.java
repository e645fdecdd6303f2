package io.github.coalesce.deployment.http;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The endpoints selected for request collapsing ({@code Class#method} to path template), and the rules broken by the
 * annotated ones, which the main scan reports together with the {@code @Coalesce} rules.
 */
public final class CollapsedEndpointsBuildItem extends SimpleBuildItem {

    private final Map<String, String> endpoints;
    private final List<Throwable> errors;
    private final Set<String> selectedByPath;

    public CollapsedEndpointsBuildItem(Map<String, String> endpoints, List<Throwable> errors,
            Set<String> selectedByPath) {
        this.endpoints = Map.copyOf(endpoints);
        this.errors = List.copyOf(errors);
        this.selectedByPath = Set.copyOf(selectedByPath);
    }

    public Map<String, String> endpoints() {
        return endpoints;
    }

    public List<Throwable> errors() {
        return errors;
    }

    /** @return the methods selected only by {@code quarkus.coalesce.http.paths}, as the run time names them */
    public Set<String> selectedByPath() {
        return selectedByPath;
    }
}
