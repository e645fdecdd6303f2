package io.github.coalesce.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.github.coalesce.testsupport.PublicApiSources.INTERNAL;
import static io.github.coalesce.testsupport.PublicApiSources.VIEWER_LITERAL;
import static io.github.coalesce.testsupport.PublicApiSources.matching;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The benchmarks measure what a user gets: they use the public API only (issue #12), with no exception (issue #26:
 * the bot filter is measured through {@code ViewCounter.record}, not from inside its package).
 */
class BenchmarksUsePublicApiTest {

    @Test
    void theBenchmarksUseNoRuntimeType() {
        // Every class of the module, not only the bench package: a class placed in a runtime package (to reach its
        // package-private members) would otherwise escape the rule.
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.github.coalesce.runtime..",
                "io.github.coalesce.deployment..")
                .because("a benchmark of internals would measure something no application can call")
                .check(new ClassFileImporter().importPath(Path.of("target/classes")));
    }

    /**
     * The bytecode rule above cannot see a constant (the compiler copies a {@code static final String} into the class
     * that reads it) nor a class that sits in an internal package itself; the sources name both.
     */
    @Test
    void theBenchmarksSourcesNameNoInternalPackage() {
        assertEquals(List.of(), matching(Path.of("src/main/java"), INTERNAL),
                "benchmark sources naming io.github.coalesce.runtime or .deployment");
    }

    /** The format of a stored viewer has one definition, {@code io.github.coalesce.Viewers}. */
    @Test
    void theBenchmarksFormViewersThroughThePublicApi() {
        assertEquals(List.of(), matching(Path.of("src/main/java"), VIEWER_LITERAL),
                "benchmark sources spelling out a viewer id instead of calling io.github.coalesce.Viewers");
    }
}
