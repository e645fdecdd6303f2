package io.github.coalesce.sample;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The little Markdown analysis the metadata needs: words, reading time and headings. */
final class Markdown {

    /** Words per minute of an average reader. */
    private static final int READING_SPEED = 230;

    record Heading(int level, String text, String anchor) {
    }

    private Markdown() {
    }

    static int words(String markdown) {
        String text = markdown.replaceAll("[#*_`>\\[\\]()-]", " ").trim();
        return text.isEmpty() ? 0 : text.split("\\s+").length;
    }

    static int readingMinutes(int words) {
        return Math.max(1, (words + READING_SPEED - 1) / READING_SPEED);
    }

    static List<Heading> headings(String markdown) {
        List<Heading> headings = new ArrayList<>();
        boolean inCode = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            if (inCode || !line.startsWith("#")) {
                continue;
            }
            int level = 0;
            while (level < line.length() && line.charAt(level) == '#') {
                level++;
            }
            if (level <= 6 && level < line.length() && line.charAt(level) == ' ') {
                String text = line.substring(level + 1).trim();
                headings.add(new Heading(level, text, anchor(text)));
            }
        }
        return headings;
    }

    static String anchor(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 -]", "").trim().replaceAll("\\s+", "-");
    }
}
