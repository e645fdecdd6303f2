package io.github.coalesce.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The sample app shows what a user can do with the extension: it uses the public API only (issue #12). */
class SampleAppUsesPublicApiTest {

    @Test
    void theSampleAppUsesNoRuntimeType() {
        noClasses().that().resideInAPackage("io.github.coalesce.sample..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.coalesce.runtime..",
                        "io.github.coalesce.deployment..")
                .because("an application sees only io.github.coalesce; internals may change in any release")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.github.coalesce.sample"));
    }
}
