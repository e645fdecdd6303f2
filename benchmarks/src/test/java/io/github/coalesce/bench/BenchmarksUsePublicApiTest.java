package io.github.coalesce.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The benchmarks measure what a user gets: they use the public API only (issue #12). */
class BenchmarksUsePublicApiTest {

    @Test
    void theBenchmarksUseNoRuntimeType() {
        noClasses().that().resideInAPackage("io.github.coalesce.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.coalesce.runtime..",
                        "io.github.coalesce.deployment..")
                .because("a benchmark of internals would measure something no application can call")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.github.coalesce.bench"));
    }
}
