package io.github.coalesce.runtime.views;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises crawlers, link unfurlers, feed readers and monitors by their User-Agent, from the list of the npm package
 * {@code crawler-user-agents} (MIT, Martin Monperrus and contributors: the resource {@value #RESOURCE} beside this
 * class, with its licence in its header; {@code bash extension/refresh-bot-list.sh} refreshes it), plus the words
 * {@code bot}, {@code crawl} and {@code spider} for crawlers the list does not name yet. Letters match regardless of
 * ASCII case. The list's entries tagged {@code http-library} or {@code browser-automation} are left out: curl, wget,
 * HTTP libraries and headless or automated browsers are how people and tests script real visits, and their views count.
 * <p>
 * It runs on the request path for every view, so it is not one regular expression over some 1 500 alternatives
 * (each tried at each position of the User-Agent): the literal part of every pattern is searched for in one pass by a
 * compiled automaton, and the few patterns that are more than a literal are tried only where their literal occurs.
 * Since a site's visitors send a few hundred distinct User-Agents at most, the verdicts of recent ones are also kept,
 * in a fixed table of {@value #RECENT_SLOTS} slots (a slot holds the last User-Agent that hashed there): a repeated
 * User-Agent then costs a hash and a comparison.
 */
public final class BotFilter {

    static final String RESOURCE = "crawler-user-agents.txt";

    /** The project's own additions: words that name a crawler whatever its name ("bot" as a whole word). */
    static final List<String> GENERIC = List.of("bot\\b", "crawl", "spider");

    static final int RECENT_SLOTS = 512;
    /** Longer User-Agents are not kept, so that the table's memory stays bounded whatever clients send. */
    static final int MAX_KEPT_LENGTH = 512;

    private record Verdict(String userAgent, boolean bot) {
    }

    private static final Compiled MATCHER = new Compiled(concat(CrawlerPatterns.read(RESOURCE), GENERIC));
    /** Written and read without locks: a verdict is immutable, and a slot lost in a race is only a miss. */
    private static final Verdict[] RECENT = new Verdict[RECENT_SLOTS];

    private BotFilter() {
    }

    /**
     * @param userAgent the request's User-Agent header, or {@code null}
     * @return whether {@code userAgent} belongs to a crawler; a missing User-Agent is not taken for one
     */
    public static boolean isBot(String userAgent) {
        if (userAgent == null) {
            return false;
        }
        int hash = userAgent.hashCode();
        int slot = (hash ^ hash >>> 16) & (RECENT_SLOTS - 1);
        Verdict recent = RECENT[slot];
        if (recent != null && recent.userAgent.equals(userAgent)) {
            return recent.bot;
        }
        boolean bot = MATCHER.matches(userAgent);
        if (userAgent.length() <= MAX_KEPT_LENGTH) {
            RECENT[slot] = new Verdict(userAgent, bot);
        }
        return bot;
    }

    /** @return the verdict without the table of recent ones (for tests and benchmarks) */
    static boolean matches(String userAgent) {
        return userAgent != null && MATCHER.matches(userAgent);
    }

    /** @return the number of patterns without a literal, tried on every User-Agent not kept (for tests) */
    static int patternsWithoutLiteral() {
        return MATCHER.withoutLiteral.length;
    }

    /** @return the number of states of the automaton (for tests) */
    static int automatonStates() {
        return MATCHER.search.states();
    }

    /** The automaton over the patterns' literals, and the expressions that confirm the hits that need it. */
    private static final class Compiled {

        private final LiteralSearch search;
        /** Per literal of the automaton: the expression confirming a hit, or null when the literal is the pattern. */
        private final Pattern[] confirm;
        private final Pattern[] withoutLiteral;

        Compiled(List<String> patterns) {
            List<Pattern> noLiteral = new ArrayList<>();
            List<CrawlerPatterns.Rule> rules = CrawlerPatterns.rules(patterns, noLiteral);
            search = new LiteralSearch(rules.stream().map(CrawlerPatterns.Rule::literal).toList());
            confirm = rules.stream().map(CrawlerPatterns.Rule::confirm).toArray(Pattern[]::new);
            withoutLiteral = noLiteral.toArray(Pattern[]::new);
        }

        boolean matches(String userAgent) {
            if (search.search(userAgent,
                    (literal, start) -> confirm[literal] == null || confirm[literal].matcher(userAgent).find())) {
                return true;
            }
            for (Pattern pattern : withoutLiteral) {
                if (pattern.matcher(userAgent).find()) {
                    return true;
                }
            }
            return false;
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
