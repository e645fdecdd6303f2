package io.github.coalesce.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.github.coalesce.testsupport.PublicApiSources.INTERNAL;
import static io.github.coalesce.testsupport.PublicApiSources.VIEWER_LITERAL;
import static io.github.coalesce.testsupport.PublicApiSources.matching;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.github.coalesce.Viewers;

/**
 * The sample app shows what a user can do with the extension: it uses the public API only (issue #12), and writes
 * the viewer format through {@link Viewers} only (issue #26).
 */
class SampleAppUsesPublicApiTest {

    private static final Path SAMPLE = Path.of("../sample-app/src/main");
    private static final Pattern VIEWER_LIKE = Pattern.compile("viewer\\s+LIKE\\s+'([^']*)'",
            Pattern.CASE_INSENSITIVE);

    @Test
    void theSampleAppUsesNoRuntimeType() {
        noClasses().that().resideInAPackage("io.github.coalesce.sample..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.coalesce.runtime..",
                        "io.github.coalesce.deployment..")
                .because("an application sees only io.github.coalesce; internals may change in any release")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.github.coalesce.sample"));
    }

    /**
     * The bytecode rule above cannot see a constant: the compiler copies a {@code static final String} into the class
     * that reads it, and the class it came from is gone from the bytecode. The sources still name it.
     */
    @Test
    void theSampleAppsSourcesNameNoInternalPackage() {
        assertThat(matching(SAMPLE.resolve("java"), INTERNAL))
                .as("sample sources naming io.github.coalesce.runtime or .deployment (imports or qualified names)")
                .isEmpty();
    }

    /** The format of a stored viewer has one definition, {@link Viewers}: the sample does not write it out again. */
    @Test
    void theSampleFormsViewersThroughThePublicApi() {
        assertThat(matching(SAMPLE.resolve("java"), VIEWER_LITERAL))
                .as("sample sources spelling out a viewer id instead of calling io.github.coalesce.Viewers").isEmpty();
        // SQL cannot call Viewers: the migrations' partial index condition must be the pattern it documents.
        List<String> likes = matching(SAMPLE.resolve("resources/db/migration"), VIEWER_LIKE).stream()
                .flatMap(line -> VIEWER_LIKE.matcher(line).results().map(match -> match.group(1))).toList();
        assertThat(likes).as("the viewer patterns of the sample's migrations").isNotEmpty()
                .containsOnly(Viewers.signedInPattern());
    }
}
