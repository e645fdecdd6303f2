package io.github.coalesce.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.arc.BeanCreator;
import io.quarkus.arc.SyntheticCreationalContext;

/**
 * The {@code @Coalesce} methods the build found, as {@code Class#method(ParamTypes)} → flight group: known before any
 * of them is called, unlike the plans {@link FlightGroupRegistry} resolves on first call.
 */
public record CoalescedMethodCatalog(Map<String, String> groupsByMethod) {

    /** @return the distinct flight groups, in method order */
    public List<String> groups() {
        return groupsByMethod.values().stream().distinct().toList();
    }

    /** Builds the catalog bean from the build step's parameters: parallel arrays of methods and groups. */
    public static final class Creator implements BeanCreator<CoalescedMethodCatalog> {
        @Override
        public CoalescedMethodCatalog create(SyntheticCreationalContext<CoalescedMethodCatalog> context) {
            String[] methods = (String[]) context.getParams().get("methods");
            String[] groups = (String[]) context.getParams().get("groups");
            Map<String, String> byMethod = new LinkedHashMap<>();
            for (int i = 0; i < methods.length; i++) {
                byMethod.put(methods[i], groups[i]);
            }
            return new CoalescedMethodCatalog(Collections.unmodifiableMap(byMethod));
        }
    }
}
