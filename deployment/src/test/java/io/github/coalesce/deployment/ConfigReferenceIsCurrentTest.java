package io.github.coalesce.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docs/config.md is what quarkus-config-doc-maven-plugin generates from the {@code @ConfigMapping} javadoc of this
 * build (process-classes of this module), and every property in it has a default and a description sentence.
 */
class ConfigReferenceIsCurrentTest {

    private static final Path GENERATED = Path.of("target/config-reference/quarkus-coalesce.md");
    private static final Path COMMITTED = Path.of("../docs/config.md");
    private static final String MARKER = "do not edit by hand. -->";

    @Test
    void docsConfigMdMatchesTheGeneratedReference() throws IOException {
        String committed = Files.readString(COMMITTED);
        assertThat(committed.substring(committed.indexOf(MARKER) + MARKER.length()).strip())
                .as("docs/config.md is out of date: run docs/update-config-reference.sh and commit it")
                .isEqualTo(Files.readString(GENERATED).strip());
    }

    @Test
    void everyPropertyHasADescriptionAndADefault() throws IOException {
        String generated = Files.readString(GENERATED);
        List<String> rows = Arrays.stream(generated.split("<tr>")).filter(row -> row.contains("`quarkus.")).toList();
        assertThat(rows).as("properties in the reference").hasSizeGreaterThanOrEqualTo(25);
        Pattern cells = Pattern.compile("<td>(.*?)</td>", Pattern.DOTALL);
        for (String row : rows) {
            Matcher cell = cells.matcher(row);
            assertThat(cell.find()).isTrue();
            String property = cell.group(1).strip();
            String description = property.lines().filter(line -> !line.isBlank() && !line.contains("`quarkus.")
                    && !line.startsWith("Environment variable")).reduce("", (a, b) -> a + " " + b).strip();
            assertThat(description).as("description of %s", property.lines().findFirst().orElse(row))
                    .isNotEmpty().endsWith(".");
            assertThat(cell.find()).isTrue(); // type
            assertThat(cell.find()).isTrue();
            assertThat(cell.group(1).strip()).as("default of %s", property.lines().findFirst().orElse(row))
                    .isNotEmpty();
        }
    }
}
