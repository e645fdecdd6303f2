package io.github.coalesce.deployment.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.deployment.exception.CoalesceDefinitionException;
import io.github.coalesce.deployment.exception.UnreadableClusterResultException;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/** A cluster-scoped result that Jackson could not read back fails the build, naming the method, with the others. */
class ClusterValidationTest {

    static final List<Throwable> REPORTED = new ArrayList<>();

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Broken.class, Shape.class, NoCreator.class, Item.class))
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .assertException(failure -> {
                Throwable root = failure;
                while (root.getCause() != null && !(root instanceof jakarta.enterprise.inject.spi.DeploymentException)) {
                    root = root.getCause();
                }
                REPORTED.add(root);
                for (Throwable suppressed : root.getSuppressed()) {
                    REPORTED.add(suppressed);
                }
                // Here, not in the test methods: once the build has failed as accepted, QuarkusUnitTest skips them.
                everyUnreadableResultIsReportedNamingClassAndMethod();
                readableResultsAreNotReported();
            });

    @Test
    void theBuildFailsAsAsserted() {
        // The checks below run in assertException's consumer, where a failed assertion fails this test.
    }

    static void everyUnreadableResultIsReportedNamingClassAndMethod() {
        List<CoalesceDefinitionException> errors = REPORTED.stream()
                .filter(CoalesceDefinitionException.class::isInstance)
                .map(CoalesceDefinitionException.class::cast)
                .toList();
        assertThat(errors).extracting(e -> e.getClass().getSimpleName() + ":" + e.getMethod().name())
                .containsExactlyInAnyOrder(
                        "UnreadableClusterResultException:object",
                        "UnreadableClusterResultException:rawUni",
                        "UnreadableClusterResultException:shape",
                        "UnreadableClusterResultException:noCreator",
                        "UnreadableClusterResultException:typeVariable",
                        "VoidReturnTypeException:nothing");
        assertThat(errors).allSatisfy(e -> assertThat(e.getMessage())
                .contains("[class=" + Broken.class.getName() + ", method=" + e.getMethod().name() + "]"));
        assertThat(errors).filteredOn(e -> e.getMethod().name().equals("shape")).singleElement()
                .extracting(Throwable::getMessage).asString().contains("@JsonTypeInfo");
        assertThat(errors).filteredOn(UnreadableClusterResultException.class::isInstance)
                .allSatisfy(e -> assertThat(e.getMessage()).contains("Jackson cannot read back"));
    }

    static void readableResultsAreNotReported() {
        assertThat(REPORTED).isNotEmpty();
        assertThat(REPORTED).noneMatch(e -> e.getMessage() != null && e.getMessage().contains("method=fine"));
    }

    public interface Shape {
    }

    public static class NoCreator {
        public NoCreator(String a, String b) {
        }
    }

    public record Item(String name, int count) {
    }

    @ApplicationScoped
    public static class Broken {

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public Object object() {
            return null;
        }

        @SuppressWarnings("rawtypes")
        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public Uni rawUni() {
            return null;
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public Uni<Shape> shape() {
            return null;
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public CompletionStage<NoCreator> noCreator() {
            return null;
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public <T> List<T> typeVariable() {
            return null;
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public void nothing() {
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public Uni<List<Item>> fineUni() {
            return null;
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public CompletionStage<Map<String, Item>> fineStage() {
            return null;
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public Item[] fineArray() {
            return null;
        }

        @Coalesce(scope = Coalesce.Scope.LOCAL)
        public Object fineLocal() {
            return null;
        }
    }
}
