package io.github.coalesce.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What the public-API rules of the sample and the benchmarks read in the sources, beside ArchUnit's bytecode rules:
 * the compiler copies a constant ({@code static final String}) into the class that reads it, and a class placed in an
 * internal package is that package's own, so the bytecode shows neither as a use of the internals.
 */
public final class PublicApiSources {

    /** An internal package named anywhere: a package declaration, an import, a qualified name, a javadoc link. */
    public static final Pattern INTERNAL = Pattern.compile("\\bio\\.github\\.coalesce\\.(runtime|deployment)\\b");
    /** The viewer format written out as a literal ({@code "user:…"}, {@code 'user:%'}) instead of through Viewers. */
    public static final Pattern VIEWER_LITERAL = Pattern.compile("[\"'](user|address):");

    private PublicApiSources() {
    }

    /**
     * @param root a directory of sources (relative to the module running the test)
     * @param pattern what to look for
     * @return {@code file:line: text} of every line under {@code root} in which {@code pattern} occurs
     * @throws IllegalArgumentException when {@code root} is not a directory, so that a wrong path cannot pass
     */
    public static List<String> matching(Path root, Pattern pattern) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("No sources to check at " + root.toAbsolutePath());
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().flatMap(file -> {
                List<String> lines = read(file);
                return IntStream.range(0, lines.size()).filter(i -> pattern.matcher(lines.get(i)).find())
                        .mapToObj(i -> root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
