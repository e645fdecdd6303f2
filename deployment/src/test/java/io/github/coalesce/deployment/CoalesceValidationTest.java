package io.github.coalesce.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.CoalesceKey;
import io.github.coalesce.CoalesceKeyGenerator;
import io.github.coalesce.deployment.exception.CoalesceDefinitionException;
import io.github.coalesce.deployment.exception.InvalidDurationException;
import io.github.coalesce.deployment.exception.KeyGeneratorConflictException;
import io.github.coalesce.deployment.exception.KeyGeneratorInstantiationException;
import io.github.coalesce.deployment.exception.PrivateMethodException;
import io.github.coalesce.deployment.exception.StreamReturnTypeException;
import io.github.coalesce.deployment.exception.VoidReturnTypeException;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Multi;

/** Every broken {@code @Coalesce} method fails the build, and all of them are reported at once. */
class CoalesceValidationTest {

    static final List<Throwable> REPORTED = new ArrayList<>();

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Broken.class, NoDefaultConstructor.class))
            // ArC fails a private intercepted method first, alone; as a warning it lets every rule of ours report.
            .overrideConfigKey("quarkus.arc.fail-on-intercepted-private-method", "false")
            .assertException(failure -> {
                Throwable root = failure;
                while (root.getCause() != null && !(root instanceof jakarta.enterprise.inject.spi.DeploymentException)) {
                    root = root.getCause();
                }
                REPORTED.add(root);
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    System.out.println("DBG " + t.getClass() + " " + t.getClass().getClassLoader() + " "
                            + t.getSuppressed().length + " " + t.getMessage());
                }
                for (Throwable suppressed : root.getSuppressed()) {
                    REPORTED.add(suppressed);
                }
                // Here, not in the test methods: once the build has failed as accepted, QuarkusUnitTest skips them.
                everyRuleViolationIsReportedTogetherNamingClassAndMethod();
                validMethodsOfTheSameClassAreNotReported();
            });

    @Test
    void theBuildFailsAsAsserted() {
        // The checks below run in assertException's consumer, where a failed assertion fails this test.
    }

    static void everyRuleViolationIsReportedTogetherNamingClassAndMethod() {
        List<CoalesceDefinitionException> errors = REPORTED.stream()
                .filter(CoalesceDefinitionException.class::isInstance)
                .map(CoalesceDefinitionException.class::cast)
                .toList();
        assertThat(errors).extracting(e -> e.getClass().getSimpleName() + ":" + e.getMethod().name())
                .containsExactlyInAnyOrder(
                        "PrivateMethodException:hidden",
                        "VoidReturnTypeException:refresh",
                        "StreamReturnTypeException:stream",
                        "KeyGeneratorConflictException:both",
                        "InvalidDurationException:badWait",
                        "InvalidDurationException:negativeAge",
                        "KeyGeneratorInstantiationException:unusableGenerator");
        assertThat(errors).allSatisfy(e -> assertThat(e.getMessage())
                .contains("[class=" + Broken.class.getName() + ", method=" + e.getMethod().name() + "]"));
        assertThat(errors).filteredOn(PrivateMethodException.class::isInstance).singleElement()
                .extracting(Throwable::getMessage).asString().contains("private");
        assertThat(errors).filteredOn(StreamReturnTypeException.class::isInstance).singleElement()
                .extracting(Throwable::getMessage).asString().contains("Multi");
        assertThat(errors).filteredOn(VoidReturnTypeException.class::isInstance).hasSize(1);
        assertThat(errors).filteredOn(KeyGeneratorConflictException.class::isInstance).hasSize(1);
        assertThat(errors).filteredOn(InvalidDurationException.class::isInstance).hasSize(2);
        assertThat(errors).filteredOn(KeyGeneratorInstantiationException.class::isInstance).hasSize(1);
    }

    static void validMethodsOfTheSameClassAreNotReported() {
        assertThat(REPORTED).noneMatch(e -> e.getMessage() != null && e.getMessage().contains("method=fine]"));
        if (REPORTED.isEmpty()) {
            fail("the build did not fail");
        }
    }

    @ApplicationScoped
    static class Broken {

        @Coalesce
        String fine(long id) {
            return "ok";
        }

        @Coalesce
        private String hidden(long id) {
            return "never intercepted";
        }

        @Coalesce
        void refresh(long id) {
        }

        @Coalesce
        Multi<String> stream(long id) {
            return Multi.createFrom().empty();
        }

        @Coalesce(keyGenerator = IdOnly.class)
        String both(@CoalesceKey long id) {
            return "ok";
        }

        @Coalesce(maxWait = "soon")
        String badWait(long id) {
            return "ok";
        }

        @Coalesce(maxAge = "-5s")
        String negativeAge(long id) {
            return "ok";
        }

        @Coalesce(keyGenerator = NoDefaultConstructor.class)
        String unusableGenerator(long id) {
            return "ok";
        }
    }

    public static class IdOnly implements CoalesceKeyGenerator {
        @Override
        public Object generate(Method method, Object... arguments) {
            return arguments[0];
        }
    }

    public static class NoDefaultConstructor implements CoalesceKeyGenerator {
        public NoDefaultConstructor(String prefix) {
        }

        @Override
        public Object generate(Method method, Object... arguments) {
            return arguments[0];
        }
    }
}
