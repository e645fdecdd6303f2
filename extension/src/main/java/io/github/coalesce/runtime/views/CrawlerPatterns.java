package io.github.coalesce.runtime.views;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The crawler patterns (regular expressions, as the upstream list writes them), each turned into a literal that
 * {@link LiteralSearch} can look for and, where the literal is not the whole pattern, the expression that confirms a
 * hit. Most upstream patterns are a plain name ({@code Googlebot\/}); the others have a long literal part that every
 * match contains ({@code AdsBot-Google([^-]|$)}), so the expression runs only where that part occurs.
 * <p>
 * The reading of the upstream expressions runs in {@code extension/refresh-bot-list.sh} ({@link #main}), which writes
 * the literals and the confirming expressions to the resource the filter loads: a start parses no crawler regex, it
 * compiles only the few confirming expressions.
 */
final class CrawlerPatterns {

    /**
     * One branch of a pattern.
     *
     * @param kind which of the filter's rules it belongs to
     * @param literal lower-case ASCII text that every match contains; empty when the branch has none long enough
     * @param confirm the expression a hit must also match, or {@code null} when the literal is the whole branch
     */
    record Rule(BotRules kind, String literal, Pattern confirm) {
    }

    /** Shorter literals would send too many user agents to the expressions. */
    static final int MIN_LITERAL = 3;

    private CrawlerPatterns() {
    }

    /**
     * Reads the rules {@link #main} wrote: {@code kind TAB literal TAB confirming-expression} a line.
     *
     * @param resource the resource beside this class
     * @return its rules, the confirming expressions compiled
     */
    static List<Rule> readPrecomputed(String resource) {
        List<Rule> rules = new ArrayList<>();
        for (String line : read(resource)) {
            String[] fields = line.split("\t", 3);
            rules.add(new Rule(BotRules.valueOf(fields[0]), fields[1],
                    fields[2].isEmpty() ? null : Pattern.compile(fields[2], Pattern.CASE_INSENSITIVE)));
        }
        return rules;
    }

    /**
     * Run by {@code extension/refresh-bot-list.sh}: reads {@code kind TAB regex} lines (comment lines are copied)
     * and writes {@code kind TAB literal TAB confirming-expression} lines.
     *
     * @param args the input file and the output file
     * @throws IOException when one of them cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("#") || line.isBlank()) {
                out.add(line);
                continue;
            }
            String[] fields = line.split("\t", 2);
            for (Rule rule : rules(List.of(fields[1]), BotRules.valueOf(fields[0]))) {
                String confirm = rule.confirm() == null ? "" : rule.confirm().pattern();
                if (confirm.contains("\t") || confirm.contains("\n")) {
                    throw new IllegalArgumentException("a tab or line break in " + confirm);
                }
                out.add(rule.kind() + "\t" + rule.literal() + "\t" + confirm);
            }
        }
        Files.write(Path.of(args[1]), out);
    }

    /**
     * @param resource the resource beside this class
     * @return its lines, without the comment lines (starting with {@code #}) and blank lines
     */
    static List<String> read(String resource) {
        try (InputStream in = CrawlerPatterns.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " beside " + CrawlerPatterns.class);
            }
            List<String> patterns = new ArrayList<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    patterns.add(line);
                }
            }
            return patterns;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param patterns regular expressions, matched ignoring ASCII case
     * @param kind the rule they belong to
     * @return a rule per branch of each pattern's top-level alternation; a branch without a literal of
     *         {@link #MIN_LITERAL} characters or more gets an empty literal (its expression is tried on every user
     *         agent)
     * @throws java.util.regex.PatternSyntaxException when a pattern is not a regular expression
     */
    static List<Rule> rules(List<String> patterns, BotRules kind) {
        List<Rule> rules = new ArrayList<>();
        for (String pattern : patterns) {
            Pattern.compile(pattern); // a syntax error names the whole pattern, not one of its branches
            for (String branch : branches(pattern)) {
                String required = requiredLiteral(branch);
                if (literal(branch) != null && !required.isEmpty()) {
                    rules.add(new Rule(kind, LiteralSearch.lowerAscii(required), null));
                } else {
                    rules.add(new Rule(kind, required.length() >= MIN_LITERAL ? LiteralSearch.lowerAscii(required) : "",
                            Pattern.compile(branch, Pattern.CASE_INSENSITIVE)));
                }
            }
        }
        return rules;
    }

    /** @return the branches of the top-level {@code |} (those outside groups and character classes) */
    static List<String> branches(String regex) {
        List<String> branches = new ArrayList<>();
        int depth = 0;
        int from = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                branches.add(regex.substring(from, i));
                from = i + 1;
            }
        }
        branches.add(regex.substring(from));
        return branches;
    }

    /** @return the text the branch matches when it is nothing but (escaped) printable ASCII characters, else null */
    static String literal(String branch) {
        String required = requiredLiteral(branch);
        return required.length() == unescapedLength(branch) ? required : null;
    }

    /**
     * @return the longest run of printable ASCII characters that every match of the branch contains, as it must
     *         appear (the branch's case), or "" when the branch uses an escape this reading does not know
     */
    static String requiredLiteral(String branch) {
        String best = "";
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < branch.length(); i++) {
            char c = branch.charAt(i);
            switch (c) {
                case '\\' -> {
                    char escaped = i + 1 < branch.length() ? branch.charAt(++i) : '\\';
                    if (Character.isLetterOrDigit(escaped)) {
                        if ("dDsSwWbB".indexOf(escaped) < 0) {
                            return ""; // \x41, \u0041, \Q…: not worth reading here
                        }
                        best = longer(best, run);
                    } else {
                        run.append(escaped);
                    }
                }
                case '[' -> {
                    i = closing(branch, i, '[', ']');
                    best = longer(best, run);
                }
                case '(' -> {
                    i = closing(branch, i, '(', ')');
                    best = longer(best, run);
                }
                case '?', '*', '{' -> {
                    // The atom before is optional. Groups, classes and escapes end the run, so when the run goes on
                    // up to here, that atom is its last character.
                    if (!run.isEmpty()) {
                        run.setLength(run.length() - 1);
                    }
                    best = longer(best, run);
                    if (c == '{') {
                        i = branch.indexOf('}', i) < 0 ? branch.length() : branch.indexOf('}', i);
                    }
                }
                case '+', '.', '^', '$', '|' -> best = longer(best, run);
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        run.append(c);
                    } else {
                        best = longer(best, run);
                    }
                }
            }
        }
        return longer(best, run);
    }

    private static String longer(String best, StringBuilder run) {
        String candidate = run.toString();
        run.setLength(0);
        return candidate.length() > best.length() ? candidate : best;
    }

    /** @return the index of the bracket closing the one at {@code open} (escapes skipped, groups nested) */
    private static int closing(String regex, int open, char opening, char closing) {
        int depth = 0;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == opening && (opening == '(' || depth == 0)) {
                depth++;
            } else if (c == closing && !(opening == '[' && i == open + 1)) {
                if (--depth == 0) {
                    return i;
                }
            }
        }
        return regex.length();
    }

    private static int unescapedLength(String branch) {
        int length = 0;
        for (int i = 0; i < branch.length(); i++) {
            i += branch.charAt(i) == '\\' ? 1 : 0;
            length++;
        }
        return length;
    }
}
