package io.github.coalesce.deployment;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationInstanceBuilder;
import org.jboss.jandex.AnnotationTransformation;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;

import io.github.coalesce.Coalesce;
import io.github.coalesce.deployment.http.CollapsedEndpointsBuildItem;
import io.github.coalesce.runtime.CoalesceInterceptor;
import io.github.coalesce.runtime.CoalescedMethod;
import io.github.coalesce.runtime.CoalescedMethodCatalog;
import io.github.coalesce.runtime.CoalescerProducer;
import io.github.coalesce.runtime.FlightGroupRegistry;
import io.github.coalesce.runtime.StartupSummary;
import io.github.coalesce.runtime.cluster.ClusterBuildTimeConfig;
import io.github.coalesce.runtime.security.SecurityPrincipalLookup;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.AnnotationsTransformerBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

class CoalesceProcessor {

    static final String FEATURE = "coalesce";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(Coalesce.class, CoalescedMethod.class, CoalesceInterceptor.class,
                        FlightGroupRegistry.class, CoalescerProducer.class, StartupSummary.class)
                .setUnremovable()
                .build();
    }

    /**
     * With Quarkus Security, the caller's principal becomes part of the key of every method that does not share
     * across principals; without it, nothing that reads identities is even registered.
     */
    @BuildStep
    void principalLookup(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.SECURITY)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(SecurityPrincipalLookup.class));
        }
    }

    /** Finds and validates every {@code @Coalesce} method; all violations are reported together. */
    @BuildStep
    void scan(CombinedIndexBuildItem index, Capabilities capabilities, ClusterBuildTimeConfig clusterConfig,
            BuildProducer<CoalescedMethodBuildItem> methods,
            BuildProducer<ValidationErrorBuildItem> errors,
            BuildProducer<UnremovableBeanBuildItem> unremovable,
            BuildProducer<ReflectiveClassBuildItem> reflective,
            CollapsedEndpointsBuildItem collapsedEndpoints) {
        ClusterRules cluster = new ClusterRules(index.getIndex(), capabilities.isPresent(Capability.REDIS_CLIENT),
                clusterConfig.defaultScope() == ClusterBuildTimeConfig.DefaultScope.CLUSTER);
        CoalescedMethodScanner.Result result = CoalescedMethodScanner.scan(index.getIndex(), cluster);
        result.methods().forEach(methods::produce);
        List<Throwable> broken = new java.util.ArrayList<>(result.errors());
        broken.addAll(collapsedEndpoints.errors());
        if (!broken.isEmpty()) {
            errors.produce(new ValidationErrorBuildItem(broken));
        }
        List<String> generators = result.methods().stream()
                .map(CoalescedMethodBuildItem::keyGenerator)
                .filter(java.util.Objects::nonNull)
                .map(DotName::toString)
                .distinct()
                .toList();
        if (!generators.isEmpty()) {
            // Key generators are looked up as beans at run time, or instantiated when they are not beans.
            unremovable.produce(UnremovableBeanBuildItem.beanTypes(generators.stream().map(DotName::createSimple)
                    .collect(Collectors.toSet())));
            reflective.produce(ReflectiveClassBuildItem.builder(generators.toArray(String[]::new)).constructors()
                    .build());
        }
    }

    /** The methods found, for the start-up summary: known at start, before any is called. */
    @BuildStep
    SyntheticBeanBuildItem catalog(List<CoalescedMethodBuildItem> methods) {
        return SyntheticBeanBuildItem.configure(CoalescedMethodCatalog.class)
                .scope(Singleton.class)
                .unremovable()
                .creator(CoalescedMethodCatalog.Creator.class)
                .param("methods", methods.stream().map(item -> CoalescedMethodScanner.signature(item.method()))
                        .toArray(String[]::new))
                .param("groups", methods.stream().map(CoalescedMethodBuildItem::group).toArray(String[]::new))
                .done();
    }

    /** Puts the build-time results on each method as {@link CoalescedMethod}, read by the interceptor. */
    @BuildStep
    AnnotationsTransformerBuildItem addComputedBinding(List<CoalescedMethodBuildItem> methods,
            Capabilities capabilities) {
        boolean security = capabilities.isPresent(Capability.SECURITY);
        Map<String, CoalescedMethodBuildItem> byMethod = methods.stream()
                .collect(Collectors.toMap(item -> id(item.method()), Function.identity(), (a, b) -> a));
        return new AnnotationsTransformerBuildItem(AnnotationTransformation.forMethods()
                .when(context -> byMethod.containsKey(id(context.declaration().asMethod())))
                .transform(context -> {
                    CoalescedMethodBuildItem item = byMethod.get(id(context.declaration().asMethod()));
                    AnnotationInstanceBuilder binding = AnnotationInstance.builder(CoalescedMethod.class)
                            .add("group", item.group())
                            .add("keyParameters", item.keyParameters())
                            .add("principalScoped", security && !item.sharedAcrossPrincipals());
                    if (item.cluster()) {
                        binding.add("cluster", true).add("resultType", item.clusterResultType());
                    }
                    context.add(binding.build());
                }));
    }

    private static String id(MethodInfo method) {
        return method.declaringClass().name() + " " + method;
    }
}
