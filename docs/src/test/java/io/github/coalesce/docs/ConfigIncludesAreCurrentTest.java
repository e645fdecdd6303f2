package io.github.coalesce.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The configuration tables the pages include (modules/ROOT/pages/includes, committed) are what
 * quarkus-config-doc-maven-plugin generates from this build's {@code @ConfigMapping} javadoc, and every property in
 * them has a description sentence and a default, and the configuration reference page includes every one of them
 * (a new prefix, or a new extension module, fails here until the page shows it). A local build copies the generated
 * files over the committed ones; with CI set nothing is copied, so a configuration change committed without its
 * includes fails here.
 */
class ConfigIncludesAreCurrentTest {

    private static final Path GENERATED = Path.of(System.getProperty("config-doc.generated", "target/config-doc"));
    private static final Path COMMITTED = Path.of("modules/ROOT/pages/includes");

    @Test
    void theCommittedIncludesAreTheGeneratedOnes() throws IOException {
        List<Path> generated = adocFiles(GENERATED);
        assertThat(generated).as("generated configuration includes").isNotEmpty();
        for (Path file : generated) {
            Path committed = COMMITTED.resolve(file.getFileName().toString());
            assertThat(committed).as("%s is not committed: build the docs module locally and commit it", committed)
                    .exists();
            assertThat(Files.readString(committed))
                    .as("%s is out of date: build the docs module locally (./mvnw -pl docs -am verify) and commit it",
                            committed)
                    .isEqualTo(Files.readString(file));
        }
    }

    @Test
    void everyPropertyHasADescriptionAndADefault() throws IOException {
        int properties = 0;
        for (Path file : adocFiles(GENERATED)) {
            if (file.getFileName().toString().equals("quarkus-coalesce.adoc")) {
                continue; // the same rows as quarkus-coalesce_quarkus.coalesce.adoc
            }
            // Each property is a row "a|... [.property-path]##...## ... [.description] -- text -- |type |default".
            // (An enum's type cell starts with "a|" too, so a row starts where a property path follows.)
            List<String> rows = Arrays.stream(Files.readString(file).split("\na\\|(?=[^\n]*\\[\\.property-path])"))
                    .skip(1).toList();
            for (String row : rows) {
                properties++;
                String property = row.substring(row.indexOf("`+++") + 4, row.indexOf("+++`"));
                int start = row.indexOf("[.description]\n--\n") + "[.description]\n--\n".length();
                int end = row.indexOf("\n--\n", start);
                String description = row.substring(start, end)
                        .lines().filter(line -> !line.isBlank() && !line.contains("env-var")
                                && !line.startsWith("Environment variable"))
                        .reduce("", (a, b) -> a + " " + b).strip();
                assertThat(description).as("description of %s", property).isNotEmpty().endsWith(".");
                List<String> cells = row.substring(end + 4).lines()
                        .filter(line -> line.startsWith("|") || line.startsWith("a|")).toList();
                assertThat(cells).as("type and default of %s", property).hasSizeGreaterThanOrEqualTo(2);
                assertThat(cells.get(1).replaceFirst("^a?\\|", "").strip()).as("default of %s", property)
                        .isNotEmpty();
            }
        }
        assertThat(properties).as("properties in the reference").isGreaterThanOrEqualTo(25);
    }

    @Test
    void theConfigurationReferenceIncludesEveryPrefix() throws IOException {
        String reference = Files.readString(COMMITTED.resolveSibling("config-reference.adoc"));
        for (Path file : adocFiles(GENERATED)) {
            String name = file.getFileName().toString();
            if (name.contains("_")) { // one table per prefix; the file without is all of an extension's at once
                assertThat(reference).as("config-reference.adoc includes %s", name)
                        .contains("include::includes/" + name + "[");
            }
        }
    }

    private static List<Path> adocFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(directory)) {
            list.filter(file -> file.toString().endsWith(".adoc")).sorted().forEach(files::add);
        }
        return files;
    }
}
