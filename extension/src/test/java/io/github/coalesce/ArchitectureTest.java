package io.github.coalesce;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The boundaries of the public API (issue #12), checked on the compiled main classes: the API package names no runtime
 * or deployment type, and the engines are plain Java, usable and testable without Quarkus. Each rule fails the build
 * on one reintroduced import.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.coalesce");

    @Test
    void theApiPackageDependsOnNeitherRuntimeNorDeployment() {
        noClasses().that().resideInAPackage("io.github.coalesce")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.coalesce.runtime..",
                        "io.github.coalesce.deployment..")
                .because("the public API stands on its own: no implementation type in an API signature or body")
                .check(MAIN);
    }

    @Test
    void theApiPackageAndTheCoalescerEngineArePlainJava() {
        noClasses().that().resideInAPackage("io.github.coalesce")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..")
                .because("Coalescer and the API types work outside Quarkus (new Coalescer(), ViewCounter.builder())")
                .check(MAIN);
    }

    @Test
    void theViewCounterEngineIsPlainJava() {
        // The engine is runtime.views less its Quarkus wiring: the CDI beans, the config mapping, the bean creator and
        // the lookup of a named datasource.
        noClasses().that().resideInAPackage("io.github.coalesce.runtime.views")
                .and(not(nameStartingWith("io.github.coalesce.runtime.views.ViewCounters")))
                .and().doNotHaveSimpleName("HttpViewerSource")
                .and().doNotHaveSimpleName("ViewCounterCreator")
                .and().doNotHaveSimpleName("CounterProperties")
                .and().doNotHaveSimpleName("NamedDataSource")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.enterprise..",
                        "jakarta.inject..", "io.vertx..")
                .because("the view-counter engine is tested without Quarkus and usable from plain Java")
                .check(MAIN);
    }
}
