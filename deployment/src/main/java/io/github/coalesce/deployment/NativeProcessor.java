package io.github.coalesce.deployment;

import java.util.List;

import org.jboss.jandex.Type;

import io.github.coalesce.ViewCounterBuilder;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;

/**
 * What a native image needs beyond the beans: the cluster tier reads key records through their accessors and has
 * Jackson write and read results, both by reflection; {@link ViewCounterBuilder} finds its engine through
 * {@code ServiceLoader}. (Native images are not built in this project's tests: these are registrations, untested.)
 */
class NativeProcessor {

    @BuildStep
    void clusterTypes(List<CoalescedMethodBuildItem> methods, CombinedIndexBuildItem index,
            BuildProducer<ReflectiveHierarchyBuildItem> reflective) {
        ClusterKeyTypes keys = new ClusterKeyTypes(index.getIndex());
        for (CoalescedMethodBuildItem method : methods) {
            if (!method.cluster()) {
                continue;
            }
            List<Type> types = new java.util.ArrayList<>(keys.keyTypes(method.method(), method.keyParameters(),
                    method.keyGenerator()));
            types.add(ClusterRules.result(method.method().returnType()));
            for (Type type : types) {
                if (type.kind() != Type.Kind.PRIMITIVE && type.kind() != Type.Kind.VOID) {
                    reflective.produce(ReflectiveHierarchyBuildItem.builder(type).index(index.getIndex())
                            .source(CoalescedMethodScanner.signature(method.method())).build());
                }
            }
        }
    }

    @BuildStep
    ServiceProviderBuildItem viewCounterEngine() {
        return ServiceProviderBuildItem.allProvidersFromClassPath(ViewCounterBuilder.Engine.class.getName());
    }
}
