package io.github.coalesce.deployment.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.CoalesceKey;
import io.github.coalesce.CoalesceKeyGenerator;
import io.github.coalesce.ViewCounterBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * Keys of every accepted shape build and run, and the build registers what a native image of the cluster tier needs:
 * the key and result types for reflection, and the view counter's engine as a service provider.
 */
class ClusterNativeRegistrationTest {

    /**
     * Shared through a system property (plain strings: libraries read the system properties): the build step sees
     * this class through another class loader.
     */
    private static void record(String name, String value) {
        synchronized (System.getProperties()) {
            String key = "coalesce.native-registration-test." + name;
            System.setProperty(key, System.getProperty(key, "") + value + "\n");
        }
    }

    private static List<String> recorded(String name) {
        return List.of(System.getProperty("coalesce.native-registration-test." + name, "").split("\n"));
    }

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Shapes.class, Filter.class, Page.class, Sort.class,
                    ByName.class))
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .addBuildChainCustomizer(chain -> chain.addBuildStep(new BuildStep() {
                @Override
                public void execute(BuildContext context) {
                    context.consumeMulti(ReflectiveHierarchyBuildItem.class)
                            .forEach(item -> record("reflective", item.getType().name().toString()));
                    context.consumeMulti(ServiceProviderBuildItem.class).stream()
                            .filter(item -> item.serviceDescriptorFile().endsWith(ViewCounterBuilder.Engine.class.getName()))
                            .forEach(item -> item.providers().forEach(p -> record("providers", p)));
                    context.produce(new FeatureBuildItem("native-registration-probe"));
                }
            }).consumes(ReflectiveHierarchyBuildItem.class).consumes(ServiceProviderBuildItem.class)
                    .produces(FeatureBuildItem.class).build());

    public enum Sort {
        NEWEST,
        OLDEST
    }

    public record Filter(Set<String> tags, Map<String, List<Integer>> weights, Sort sort, LocalDate since,
            BigDecimal minScore, UUID owner, int[] pages) {
    }

    public record Page(String title, long views) {
    }

    public static class ByName implements CoalesceKeyGenerator {
        @Override
        public String generate(Method method, Object... arguments) {
            return String.valueOf(arguments[0]);
        }
    }

    @ApplicationScoped
    public static class Shapes {

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public Uni<List<Page>> filtered(Filter filter) {
            return Uni.createFrom().item(List.of(new Page(String.join(",", new java.util.TreeSet<>(filter.tags())), 1)));
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public Page values(long id, String locale, Integer count, Sort sort, UUID owner, java.time.Instant at) {
            return new Page(locale, id);
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public Page keyed(@CoalesceKey String name, StringBuilder notPartOfTheKey) {
            return new Page(name, 0);
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER, keyGenerator = ByName.class)
        public Page generated(Object anything) {
            return new Page(String.valueOf(anything), 0);
        }
    }

    @Inject
    Shapes shapes;

    @Test
    void everyAcceptedShapeBuildsAndRuns() {
        assertThat(shapes.filtered(new Filter(Set.of("b", "a"), Map.of(), Sort.NEWEST, LocalDate.EPOCH,
                BigDecimal.ONE, UUID.randomUUID(), new int[] { 1 })).await().indefinitely())
                .containsExactly(new Page("a,b", 1));
        assertThat(shapes.keyed("x", new StringBuilder()).title()).isEqualTo("x");
        assertThat(shapes.generated(42).title()).isEqualTo("42");
    }

    @Test
    void keyAndResultTypesAreRegisteredForReflection() {
        assertThat(recorded("reflective")).contains(Filter.class.getName(), Page.class.getName(), "java.util.List");
    }

    @Test
    void theViewCounterEngineIsAServiceProvider() {
        assertThat(recorded("providers")).contains("io.github.coalesce.runtime.views.BatchingViewCounterEngine");
    }
}
