package io.github.coalesce.deployment.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.ws.rs.Priorities;

import org.jboss.jandex.MethodInfo;

import io.github.coalesce.CoalesceRequests;
import io.github.coalesce.deployment.Micrometer;
import io.github.coalesce.deployment.devui.CoalesceDevUiPageBuildItem;
import io.github.coalesce.runtime.dev.HttpCollapsingJsonRpcService;
import io.github.coalesce.runtime.http.CollapsingRequestFilter;
import io.github.coalesce.runtime.http.CollapsingResponseFilter;
import io.github.coalesce.runtime.http.CollapsingWriterInterceptor;
import io.github.coalesce.runtime.http.HttpCollapsing;
import io.github.coalesce.runtime.http.HttpCollapsingRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.quarkus.resteasy.reactive.spi.ContainerRequestFilterBuildItem;
import io.quarkus.resteasy.reactive.spi.ContainerResponseFilterBuildItem;
import io.quarkus.resteasy.reactive.spi.WriterInterceptorBuildItem;

/**
 * HTTP request collapsing, wired into Quarkus REST when the application has it: a request filter after the security
 * checks, a writer interceptor and a response filter, all bound to {@code @CoalesceRequests} so that other endpoints
 * pay nothing, unless endpoints are selected by {@code quarkus.coalesce.http.paths} (see {@link #wire}).
 */
class HttpCollapsingProcessor {

    private static final String METRICS_BINDER = "io.github.coalesce.runtime.http.HttpCollapsingMetrics";
    private static final Set<String> BINDING = Set.of(CoalesceRequests.class.getName());

    /** The annotation must be in the index for Quarkus REST to see it as a name binding. */
    @BuildStep
    AdditionalIndexedClassesBuildItem indexAnnotation() {
        return new AdditionalIndexedClassesBuildItem(CoalesceRequests.class.getName());
    }

    @BuildStep
    CollapsedEndpointsBuildItem scan(CombinedIndexBuildItem index, HttpCollapsingBuildTimeConfig config,
            Capabilities capabilities) {
        if (!capabilities.isPresent(Capability.REST)) {
            return new CollapsedEndpointsBuildItem(Map.of(), List.of(), Set.of());
        }
        CollapsedEndpointScanner.Result result = CollapsedEndpointScanner.scan(index.getIndex(),
                config.paths().orElse(List.of()));
        Set<String> selectedByPath = new TreeSet<>();
        for (MethodInfo method : result.selectedByPath()) {
            selectedByPath.add(HttpCollapsing.methodId(method.declaringClass().name().toString(), method.name(),
                    method.parameterTypes().stream().map(type -> type.name().toString()).toList()));
        }
        return new CollapsedEndpointsBuildItem(new TreeMap<>(result.endpoints()), result.errors(), selectedByPath);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void recordSelection(CollapsedEndpointsBuildItem endpoints, HttpCollapsingRecorder recorder) {
        recorder.selectByPath(endpoints.selectedByPath());
    }

    @BuildStep
    void wire(Capabilities capabilities, Optional<MetricsCapabilityBuildItem> metrics, CollapsedEndpointsBuildItem endpoints,
            BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ContainerRequestFilterBuildItem> requestFilters,
            BuildProducer<ContainerResponseFilterBuildItem> responseFilters,
            BuildProducer<WriterInterceptorBuildItem> writerInterceptors) {
        if (!capabilities.isPresent(Capability.REST)) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.unremovableOf(HttpCollapsing.class));
        if (Micrometer.present(metrics)) {
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(METRICS_BINDER).setUnremovable().build());
        }
        // Quarkus REST reads name bindings from the class files, where an endpoint selected by path has no annotation
        // (an annotation transformer does not reach them): with such endpoints the filters run for every endpoint
        // and the request filter passes over those not selected, after one map lookup.
        Set<String> binding = endpoints.selectedByPath().isEmpty() ? BINDING : Set.of();
        // Late: after authentication and authorization, so that followers pass @RolesAllowed themselves.
        requestFilters.produce(new ContainerRequestFilterBuildItem.Builder(CollapsingRequestFilter.class.getName())
                .setPriority(Priorities.USER + 1000)
                .setNameBindingNames(binding)
                .build());
        responseFilters.produce(new ContainerResponseFilterBuildItem.Builder(CollapsingResponseFilter.class.getName())
                .setPriority(Priorities.USER + 1000)
                .setNameBindingNames(binding)
                .build());
        // First in line, so that the copy holds the bytes as they leave, after any other interceptor's encoding.
        writerInterceptors.produce(new WriterInterceptorBuildItem.Builder(CollapsingWriterInterceptor.class.getName())
                .setPriority(1)
                .setNameBindingNames(binding)
                .build());
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    void devUi(Capabilities capabilities, CollapsedEndpointsBuildItem endpoints,
            BuildProducer<CoalesceDevUiPageBuildItem> pages) {
        if (!capabilities.isPresent(Capability.REST)) {
            return;
        }
        List<Map<String, String>> rows = endpoints.endpoints().entrySet().stream()
                .map(entry -> Map.of("endpoint", entry.getKey(), "path", entry.getValue())).toList();
        pages.produce(new CoalesceDevUiPageBuildItem(30, Page.webComponentPageBuilder()
                .title("Collapsed endpoints")
                .icon("font-awesome-solid:arrows-to-dot")
                .componentLink("qwc-coalesce-http.js")
                .staticLabel(String.valueOf(rows.size())), Map.of("httpEndpoints", rows)));
    }

    /**
     * A step of its own: the JSON-RPC service feeds the bean index, which the endpoint scan reads, so it must not
     * depend on the scan's result.
     */
    @BuildStep(onlyIf = IsLocalDevelopment.class)
    void devUiService(Capabilities capabilities, BuildProducer<JsonRPCProvidersBuildItem> jsonRpc) {
        if (capabilities.isPresent(Capability.REST)) {
            jsonRpc.produce(new JsonRPCProvidersBuildItem(HttpCollapsingJsonRpcService.class));
        }
    }

    private static String id(MethodInfo method) {
        return method.declaringClass().name() + " " + method;
    }
}
