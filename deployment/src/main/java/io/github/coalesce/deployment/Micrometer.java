package io.github.coalesce.deployment;

import java.util.Optional;

import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;

/** Whether the application's metrics are Micrometer's: the meters are registered only then. */
public final class Micrometer {

    private Micrometer() {
    }

    /**
     * @param metrics what the metrics extension, if any, announced
     * @return whether it is Micrometer
     */
    public static boolean present(Optional<MetricsCapabilityBuildItem> metrics) {
        return metrics.map(m -> m.metricsSupported(MetricsFactory.MICROMETER)).orElse(false);
    }
}
