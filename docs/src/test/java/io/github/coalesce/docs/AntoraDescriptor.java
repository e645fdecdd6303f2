package io.github.coalesce.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of antora.yml the tests need: the AsciiDoc attributes every page gets (an indented
 * {@code asciidoc: attributes:} block of {@code name: value} lines), read without a YAML library.
 */
record AntoraDescriptor(Map<String, String> attributes) {

    static AntoraDescriptor read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<String, String> attributes = new LinkedHashMap<>();
        boolean inAsciidoc = false;
        boolean inAttributes = false;
        for (String line : lines) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            if (indent == 0) {
                inAsciidoc = line.startsWith("asciidoc:");
                inAttributes = false;
            } else if (inAsciidoc && indent == 2) {
                inAttributes = line.strip().equals("attributes:");
            } else if (inAttributes && indent == 4) {
                String entry = line.strip();
                int colon = entry.indexOf(':');
                attributes.put(entry.substring(0, colon).strip(), unquote(entry.substring(colon + 1).strip()));
            }
        }
        return new AntoraDescriptor(attributes);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && (value.startsWith("'") || value.startsWith("\"")) ? value.substring(1,
                value.length() - 1) : value;
    }
}
