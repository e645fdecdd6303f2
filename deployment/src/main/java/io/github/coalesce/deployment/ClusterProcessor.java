package io.github.coalesce.deployment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.github.coalesce.deployment.devui.CoalesceDevUiPageBuildItem;
import io.github.coalesce.runtime.cluster.ClusterBridge;
import io.github.coalesce.runtime.cluster.ClusterCatalog;
import io.github.coalesce.runtime.dev.ClusterJsonRpcService;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;

/**
 * Wires the cluster tier of {@code @Coalesce(scope = CLUSTER)}: only when the application has the Redis client
 * extension ({@link Capability#REDIS_CLIENT}); its meters with Micrometer, its readiness data with SmallRye Health.
 * The rules (Redis present, result readable by Jackson, key with a canonical form) are checked with the other rules,
 * in {@link ClusterRules}.
 */
class ClusterProcessor {

    /** The capability of {@code quarkus-redis-client}. */
    /** By name: these classes use optional libraries, which the build of an application without them lacks. */
    private static final String PACKAGE = "io.github.coalesce.runtime.cluster.";

    @BuildStep
    void beans(Capabilities capabilities, List<CoalescedMethodBuildItem> methods,
            BuildProducer<AdditionalBeanBuildItem> beans, BuildProducer<HealthBuildItem> health,
            CoalesceHealthBuildTimeConfig healthConfig, Optional<MetricsCapabilityBuildItem> metrics) {
        beans.produce(AdditionalBeanBuildItem.unremovableOf(ClusterBridge.class));
        if (!capabilities.isPresent(Capability.REDIS_CLIENT) || methods.stream().noneMatch(CoalescedMethodBuildItem::cluster)) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(PACKAGE + "ClusterTier", PACKAGE + "RedisConnector")
                .setUnremovable().build());
        if (Micrometer.present(metrics)) {
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(PACKAGE + "ClusterMeters").setUnremovable()
                    .build());
        }
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            health.produce(new HealthBuildItem(PACKAGE + "ClusterReadinessCheck", healthConfig.enabled()));
        }
    }

    /** A Dev UI page of its own: the cluster state, the leases now and the counters per group. */
    @BuildStep(onlyIf = IsLocalDevelopment.class)
    void devUi(Capabilities capabilities, List<CoalescedMethodBuildItem> methods,
            BuildProducer<CoalesceDevUiPageBuildItem> pages) {
        int groups = clusterGroups(methods).length;
        if (!capabilities.isPresent(Capability.REDIS_CLIENT) || groups == 0) {
            return;
        }
        pages.produce(new CoalesceDevUiPageBuildItem(20, Page.webComponentPageBuilder()
                .title("Across instances")
                .icon("font-awesome-solid:server")
                .componentLink("qwc-coalesce-cluster.js")
                .staticLabel(String.valueOf(groups)), Map.of()));
    }

    /**
     * A step of its own, on the capability alone: the JSON-RPC service feeds the bean index, which the method scan
     * reads, so it must not depend on the scan's result.
     */
    @BuildStep(onlyIf = IsLocalDevelopment.class)
    void devUiService(Capabilities capabilities, BuildProducer<JsonRPCProvidersBuildItem> jsonRpc) {
        if (capabilities.isPresent(Capability.REDIS_CLIENT)) {
            jsonRpc.produce(new JsonRPCProvidersBuildItem(ClusterJsonRpcService.class));
        }
    }

    /** The cluster-scoped groups, known at start. */
    @BuildStep
    SyntheticBeanBuildItem catalog(List<CoalescedMethodBuildItem> methods) {
        return SyntheticBeanBuildItem.configure(ClusterCatalog.class)
                .scope(Singleton.class)
                .unremovable()
                .creator(ClusterCatalog.Creator.class)
                .param("groups", clusterGroups(methods))
                .done();
    }

    private static String[] clusterGroups(List<CoalescedMethodBuildItem> methods) {
        return methods.stream().filter(CoalescedMethodBuildItem::cluster).map(CoalescedMethodBuildItem::group)
                .distinct().toArray(String[]::new);
    }
}
