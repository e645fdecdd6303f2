package io.github.coalesce.deployment.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.CoalesceKey;
import io.github.coalesce.CoalesceKeyGenerator;
import io.github.coalesce.deployment.exception.CoalesceDefinitionException;
import io.github.coalesce.deployment.exception.UncanonicalClusterKeyException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A cluster-scoped key whose type has no canonical form fails the build, each one named with its class, method,
 * parameter and type, and how to fix it; reported with the other rules' errors. The accepted shapes build: see
 * {@link ClusterNativeRegistrationTest}.
 */
class ClusterKeyValidationTest {

    /**
     * The assertions run in the {@code assertException} consumer: after a build failure that it accepts, QuarkusUnitTest
     * skips the test methods, so assertions there would never run.
     */
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Broken.class, ProductKey.class, AnyKey.class, Wrapped.class))
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .assertException(failure -> {
                Throwable root = failure;
                while (root.getCause() != null && !(root instanceof jakarta.enterprise.inject.spi.DeploymentException)) {
                    root = root.getCause();
                }
                List<Throwable> reported = new ArrayList<>();
                reported.add(root);
                reported.addAll(List.of(root.getSuppressed()));
                everyKeyWithoutCanonicalFormIsReportedWithTheOtherErrors(reported);
                theMessageNamesTheParameterItsTypeAndTheFix(reported);
                keysWithCanonicalFormAreNotReported(reported);
            });

    /** The key class of issue 25: equals over two private fields, no getters, nothing Jackson would see. */
    public static final class ProductKey {
        private final long id;
        private final String locale;

        public ProductKey(long id, String locale) {
            this.id = id;
            this.locale = locale;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ProductKey that && id == that.id && locale.equals(that.locale);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, locale);
        }
    }

    /** A record is fine only as long as its components are. */
    public record Wrapped(String name, ProductKey product) {
    }

    public static class AnyKey implements CoalesceKeyGenerator {
        @Override
        public Object generate(Method method, Object... arguments) {
            return arguments[0];
        }
    }

    @ApplicationScoped
    public static class Broken {

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public String product(ProductKey key) {
            return "";
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public String keyed(String page, @CoalesceKey ProductKey product) {
            return "";
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public String products(List<ProductKey> keys) {
            return "";
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public String wrapped(Wrapped key) {
            return "";
        }

        @SuppressWarnings("rawtypes")
        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public String raw(List keys) {
            return "";
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public String object(Object key) {
            return "";
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER, keyGenerator = AnyKey.class)
        public String generated(String id) {
            return "";
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public void nothing() {
        }

        // Only the @CoalesceKey parameter is the key; locally any key with equals is fine.
        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public String fineKeyed(@CoalesceKey String id, ProductKey ignored) {
            return "";
        }

        @Coalesce(scope = Coalesce.Scope.LOCAL)
        public String fineLocal(ProductKey key) {
            return "";
        }
    }

    private static List<CoalesceDefinitionException> errors(List<Throwable> reported) {
        return reported.stream().filter(CoalesceDefinitionException.class::isInstance)
                .map(CoalesceDefinitionException.class::cast).toList();
    }

    static void everyKeyWithoutCanonicalFormIsReportedWithTheOtherErrors(List<Throwable> reported) {
        assertThat(errors(reported)).extracting(e -> e.getClass().getSimpleName() + ":" + e.getMethod().name())
                .containsExactlyInAnyOrder(
                        "UncanonicalClusterKeyException:product",
                        "UncanonicalClusterKeyException:keyed",
                        "UncanonicalClusterKeyException:products",
                        "UncanonicalClusterKeyException:wrapped",
                        "UncanonicalClusterKeyException:raw",
                        "UncanonicalClusterKeyException:object",
                        "UncanonicalClusterKeyException:generated",
                        "VoidReturnTypeException:nothing");
        assertThat(errors(reported)).allSatisfy(e -> assertThat(e.getMessage())
                .contains("[class=" + Broken.class.getName() + ", method=" + e.getMethod().name() + "]"));
    }

    static void theMessageNamesTheParameterItsTypeAndTheFix(List<Throwable> reported) {
        assertThat(message(reported, "product")).contains("parameter 'key' of type " + ProductKey.class.getName())
                .contains(ProductKey.class.getName() + " is neither a record nor a value type")
                .contains("a record", "@CoalesceKey String", "CoalesceKeyGenerator");
        assertThat(message(reported, "keyed")).contains("parameter 'product' of type " + ProductKey.class.getName());
        assertThat(message(reported, "wrapped")).contains("its component product");
        assertThat(message(reported, "raw")).contains("a raw List says nothing about its elements");
        assertThat(message(reported, "generated")).contains("AnyKey.generate(…) of type java.lang.Object");
    }

    static void keysWithCanonicalFormAreNotReported(List<Throwable> reported) {
        assertThat(reported).noneMatch(e -> e.getMessage() != null && e.getMessage().contains("method=fine"));
    }

    private static String message(List<Throwable> reported, String method) {
        return errors(reported).stream().filter(UncanonicalClusterKeyException.class::isInstance)
                .filter(e -> e.getMethod().name().equals(method)).map(Throwable::getMessage).findFirst().orElseThrow();
    }

    @Test
    void theBuildFailsAsAsserted() {
        // Not reached after the expected build failure (QuarkusUnitTest skips it); the consumer above asserts.
    }
}
