package io.github.coalesce.runtime.cluster;

import java.util.List;

import io.quarkus.arc.BeanCreator;
import io.quarkus.arc.SyntheticCreationalContext;

/**
 * The flight groups the build found cluster-scoped, known at start (before any is called) so that the tier can
 * connect, subscribe and register its meters then.
 * <p>
 * Internal: not part of the public API.
 *
 * @param groups the cluster-scoped flight groups
 */
public record ClusterCatalog(List<String> groups) {

    /** Builds the catalog from the build step's parameter. */
    public static final class Creator implements BeanCreator<ClusterCatalog> {
        @Override
        public ClusterCatalog create(SyntheticCreationalContext<ClusterCatalog> context) {
            return new ClusterCatalog(List.of((String[]) context.getParams().get("groups")));
        }
    }
}
