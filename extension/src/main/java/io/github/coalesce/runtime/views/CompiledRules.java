package io.github.coalesce.runtime.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The automaton over the rules' literals, and the expressions that confirm the hits that need it. */
final class CompiledRules {

    private final LiteralSearch search;
    /** Per literal of the automaton: the expression confirming a hit, or null when the literal is the pattern. */
    private final Pattern[] confirm;
    private final BotRules[] kind;
    private final CrawlerPatterns.Rule[] withoutLiteral;

    CompiledRules(List<CrawlerPatterns.Rule> rules) {
        List<CrawlerPatterns.Rule> withLiteral = new ArrayList<>();
        List<CrawlerPatterns.Rule> noLiteral = new ArrayList<>();
        rules.forEach(rule -> (rule.literal().isEmpty() ? noLiteral : withLiteral).add(rule));
        search = new LiteralSearch(withLiteral.stream().map(CrawlerPatterns.Rule::literal).toList());
        confirm = withLiteral.stream().map(CrawlerPatterns.Rule::confirm).toArray(Pattern[]::new);
        kind = withLiteral.stream().map(CrawlerPatterns.Rule::kind).toArray(BotRules[]::new);
        withoutLiteral = noLiteral.toArray(CrawlerPatterns.Rule[]::new);
    }

    boolean matches(String userAgent) {
        if (search.search(userAgent, (literal, start) -> confirmed(literal, userAgent))) {
            return true;
        }
        for (CrawlerPatterns.Rule rule : withoutLiteral) {
            if (rule.confirm().matcher(userAgent).find()) {
                return true;
            }
        }
        return false;
    }

    void addFlagging(String userAgent, Set<BotRules> flagging) {
        search.search(userAgent, (literal, start) -> {
            if (confirmed(literal, userAgent)) {
                flagging.add(kind[literal]);
            }
            return false;
        });
        for (CrawlerPatterns.Rule rule : withoutLiteral) {
            if (rule.confirm().matcher(userAgent).find()) {
                flagging.add(rule.kind());
            }
        }
    }

    private boolean confirmed(int literal, String userAgent) {
        return confirm[literal] == null || confirm[literal].matcher(userAgent).find();
    }

    int withoutLiteral() {
        return withoutLiteral.length;
    }

    int states() {
        return search.states();
    }
}
