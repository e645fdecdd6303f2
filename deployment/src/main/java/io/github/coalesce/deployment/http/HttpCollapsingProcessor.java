package io.github.coalesce.deployment.http;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import jakarta.ws.rs.Priorities;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTransformation;
import org.jboss.jandex.MethodInfo;

import io.github.coalesce.CoalesceRequests;
import io.github.coalesce.runtime.http.CollapsingRequestFilter;
import io.github.coalesce.runtime.http.CollapsingResponseFilter;
import io.github.coalesce.runtime.http.CollapsingWriterInterceptor;
import io.github.coalesce.runtime.http.HttpCollapsing;
import io.github.coalesce.runtime.http.HttpCollapsingJsonRpcService;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.quarkus.resteasy.reactive.server.spi.AnnotationsTransformerBuildItem;
import io.quarkus.resteasy.reactive.spi.ContainerRequestFilterBuildItem;
import io.quarkus.resteasy.reactive.spi.ContainerResponseFilterBuildItem;
import io.quarkus.resteasy.reactive.spi.WriterInterceptorBuildItem;

/**
 * HTTP request collapsing, wired into Quarkus REST when the application has it: a request filter after the security
 * checks, a writer interceptor and a response filter, all bound to {@code @CoalesceRequests} so that other endpoints
 * pay nothing; endpoints selected by {@code quarkus.coalesce.http.paths} get the annotation at build time.
 */
class HttpCollapsingProcessor {

    private static final String REST = "io.quarkus.rest";
    private static final String METRICS = "io.quarkus.metrics";
    private static final String METRICS_BINDER = "io.github.coalesce.runtime.http.HttpCollapsingMetrics";
    private static final Set<String> BINDING = Set.of(CoalesceRequests.class.getName());

    /** The annotation must be in the index for Quarkus REST to see it as a name binding. */
    @BuildStep
    AdditionalIndexedClassesBuildItem indexAnnotation() {
        return new AdditionalIndexedClassesBuildItem(CoalesceRequests.class.getName());
    }

    @BuildStep
    CollapsedEndpointsBuildItem scan(CombinedIndexBuildItem index, HttpCollapsingBuildTimeConfig config,
            Capabilities capabilities, BuildProducer<AnnotationsTransformerBuildItem> transformers) {
        if (!capabilities.isPresent(REST)) {
            return new CollapsedEndpointsBuildItem(java.util.Map.of(), List.of());
        }
        CollapsedEndpointScanner.Result result = CollapsedEndpointScanner.scan(index.getIndex(),
                config.paths().orElse(List.of()));
        if (!result.annotateByPath().isEmpty()) {
            Set<String> selected = new java.util.HashSet<>();
            result.annotateByPath().forEach(method -> selected.add(id(method)));
            transformers.produce(new AnnotationsTransformerBuildItem(AnnotationTransformation.forMethods()
                    .when(context -> selected.contains(id(context.declaration().asMethod())))
                    .transform(context -> context.add(
                            AnnotationInstance.builder(CollapsedEndpointScanner.COALESCE_REQUESTS).build()))));
        }
        return new CollapsedEndpointsBuildItem(new TreeMap<>(result.endpoints()), result.errors());
    }

    @BuildStep
    void wire(Capabilities capabilities, CollapsedEndpointsBuildItem endpoints,
            BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<ContainerRequestFilterBuildItem> requestFilters,
            BuildProducer<ContainerResponseFilterBuildItem> responseFilters,
            BuildProducer<WriterInterceptorBuildItem> writerInterceptors) {
        if (!capabilities.isPresent(REST)) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.unremovableOf(HttpCollapsing.class));
        if (capabilities.isPresent(METRICS)
                && QuarkusClassLoader.isClassPresentAtRuntime("io.micrometer.core.instrument.MeterRegistry")) {
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(METRICS_BINDER).setUnremovable().build());
        }
        // Late: after authentication and authorization, so that followers pass @RolesAllowed themselves.
        requestFilters.produce(new ContainerRequestFilterBuildItem.Builder(CollapsingRequestFilter.class.getName())
                .setPriority(Priorities.USER + 1000)
                .setNameBindingNames(BINDING)
                .build());
        responseFilters.produce(new ContainerResponseFilterBuildItem.Builder(CollapsingResponseFilter.class.getName())
                .setPriority(Priorities.USER + 1000)
                .setNameBindingNames(BINDING)
                .build());
        // First in line, so that the copy holds the bytes as they leave, after any other interceptor's encoding.
        writerInterceptors.produce(new WriterInterceptorBuildItem.Builder(CollapsingWriterInterceptor.class.getName())
                .setPriority(1)
                .setNameBindingNames(BINDING)
                .build());
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    void devUi(Capabilities capabilities, CollapsedEndpointsBuildItem endpoints,
            BuildProducer<CardPageBuildItem> cards) {
        if (!capabilities.isPresent(REST)) {
            return;
        }
        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("httpEndpoints", endpoints.endpoints().entrySet().stream()
                .map(entry -> java.util.Map.of("endpoint", entry.getKey(), "path", entry.getValue())).toList());
        card.addPage(Page.webComponentPageBuilder()
                .title("Collapsed endpoints")
                .icon("font-awesome-solid:arrows-to-dot")
                .componentLink("qwc-coalesce-http.js")
                .staticLabel(String.valueOf(endpoints.endpoints().size())));
        cards.produce(card);
    }

    /**
     * A step of its own: the JSON-RPC service feeds the bean index, which the endpoint scan reads, so it must not
     * depend on the scan's result.
     */
    @BuildStep(onlyIf = IsLocalDevelopment.class)
    void devUiService(Capabilities capabilities, BuildProducer<JsonRPCProvidersBuildItem> jsonRpc) {
        if (capabilities.isPresent(REST)) {
            jsonRpc.produce(new JsonRPCProvidersBuildItem(HttpCollapsingJsonRpcService.class));
        }
    }

    private static String id(MethodInfo method) {
        return method.declaringClass().name() + " " + method;
    }
}
