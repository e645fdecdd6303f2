package io.github.coalesce.deployment;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.runtime.views.CounterProperties;
import io.github.coalesce.runtime.views.ViewCounterCreator;
import io.github.coalesce.runtime.views.ViewCounters;
import io.github.coalesce.runtime.views.ViewCountersConfig;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;
import io.smallrye.common.annotation.Identifier;

/**
 * Wires {@link ViewCounter}: one bean per counter configured under {@code quarkus.coalesce.view-counter} (the default
 * one unqualified, named ones with {@code @Identifier}), when the application has a JDBC datasource; the HTTP viewer
 * source and the Micrometer meters only when the application has those extensions.
 */
class ViewCounterProcessor {

    private static final String PREFIX = CounterProperties.PREFIX;
    /** quarkus-micrometer provides the generic metrics capability; the class tells it apart from other metrics. */
    /** By name: these classes use optional libraries, which the build of an application without them lacks. */
    private static final String MICROMETER_LISTENER = "io.github.coalesce.runtime.metrics.MicrometerStatsListener";
    private static final String HTTP_VIEWER_SOURCE = "io.github.coalesce.runtime.views.HttpViewerSource";
    private static final String READINESS_CHECK = "io.github.coalesce.runtime.health.ViewCounterReadinessCheck";
    /** Derived from the config mapping: a property added there is found here without a copy of the list. */
    private static final Set<String> COUNTER_PROPERTIES = CounterProperties.names();

    @BuildStep
    void beans(Capabilities capabilities, Optional<MetricsCapabilityBuildItem> metrics,
            BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<SyntheticBeanBuildItem> counters) {
        if (Micrometer.present(metrics)) {
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(MICROMETER_LISTENER).setUnremovable().build());
        }
        if (!capabilities.isPresent(Capability.AGROAL)) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.unremovableOf(ViewCounters.class));
        if (capabilities.isPresent(Capability.VERTX_HTTP)) {
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(HTTP_VIEWER_SOURCE).setUnremovable().build());
        }
        for (String name : counterNames()) {
            SyntheticBeanBuildItem.ExtendedBeanConfigurator bean = SyntheticBeanBuildItem.configure(ViewCounter.class)
                    .scope(ApplicationScoped.class)
                    .creator(ViewCounterCreator.class)
                    .param("name", name)
                    .addInjectionPoint(ClassType.create(DotName.createSimple(ViewCounters.class)))
                    .setRuntimeInit();
            if (!ViewCountersConfig.DEFAULT.equals(name)) {
                bean.addQualifier().annotation(Identifier.class).addValue("value", name).done();
            }
            counters.produce(bean.done());
        }
    }

    /** The view counters' readiness check, when the application has SmallRye Health and a datasource. */
    @BuildStep
    void readiness(Capabilities capabilities, CoalesceHealthBuildTimeConfig health,
            BuildProducer<HealthBuildItem> checks) {
        if (capabilities.isPresent(Capability.AGROAL)) {
            checks.produce(new HealthBuildItem(READINESS_CHECK, health.enabled()));
        }
    }

    /**
     * The default counter, plus every name used as {@code quarkus.coalesce.view-counter."name".<property>} in the
     * configuration seen at build time: named counters are beans, so they must be known when the build decides them.
     */
    static Set<String> counterNames() {
        Set<String> names = new TreeSet<>();
        names.add(ViewCountersConfig.DEFAULT);
        for (String property : ConfigProvider.getConfig().getPropertyNames()) {
            if (!property.startsWith(PREFIX)) {
                continue;
            }
            String rest = property.substring(PREFIX.length());
            int lastDot = rest.lastIndexOf('.');
            if (lastDot > 0 && COUNTER_PROPERTIES.contains(rest.substring(lastDot + 1))) {
                names.add(rest.substring(0, lastDot).replace("\"", ""));
            }
        }
        return names;
    }
}
