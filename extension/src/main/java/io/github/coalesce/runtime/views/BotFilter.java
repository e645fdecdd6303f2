package io.github.coalesce.runtime.views;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewerFilter;

/**
 * Recognises crawlers, link unfurlers, feed readers, monitors and (unless told otherwise) generic HTTP clients by
 * their User-Agent: the list of the npm package {@code crawler-user-agents} (MIT, Martin Monperrus and contributors:
 * the resource {@value #RESOURCE} beside this class, with its licence in its header;
 * {@code bash extension/refresh-bot-list.sh} refreshes it) plus the generic rules of {@link BotRules}. Letters match
 * regardless of ASCII case. With {@code httpClients} off, the rules marked {@link BotRules#httpClient} are left out:
 * curl, wget, HTTP libraries, headless browsers and any User-Agent without a browser's shape then count as readers.
 * <p>
 * It runs on the request path for every view, so it is not one regular expression over some 1 500 alternatives
 * (each tried at each position of the User-Agent): the literal part of every pattern is searched for in one pass by a
 * compiled automaton, and the few patterns that are more than a literal are tried only where their literal occurs.
 * The literals are worked out by the refresh script, not at each start. Since a site's visitors send a few hundred
 * distinct User-Agents at most, the verdicts of recent ones are also kept, in a fixed table of {@value #RECENT_SLOTS}
 * slots (a slot holds the last User-Agent that hashed there): a repeated User-Agent then costs a hash and a
 * comparison, and allocates nothing.
 */
public final class BotFilter implements ViewerFilter {

    static final String RESOURCE = "crawler-user-agents.txt";

    static final int RECENT_SLOTS = 512;
    /** Longer User-Agents are not kept, so that the table's memory stays bounded whatever clients send. */
    static final int MAX_KEPT_LENGTH = 512;

    private record Verdict(String userAgent, boolean bot) {
    }

    /** The list as the refresh script wrote it: every rule, those of {@code http-clients} included. */
    private static final List<CrawlerPatterns.Rule> LISTED = CrawlerPatterns.readPrecomputed(RESOURCE);
    private static final BotFilter DEFAULTS = new BotFilter(true, List.of());
    private static final BotFilter WITHOUT_HTTP_CLIENTS = new BotFilter(false, List.of());

    private final boolean httpClients;
    private final CompiledRules matcher;
    /** Written and read without locks: a verdict is immutable, and a slot lost in a race is only a miss. */
    private final Verdict[] recent = new Verdict[RECENT_SLOTS];

    private BotFilter(boolean httpClients, List<String> extraPatterns) {
        this.httpClients = httpClients;
        List<CrawlerPatterns.Rule> rules = new ArrayList<>();
        LISTED.stream().filter(rule -> httpClients || !rule.kind().httpClient).forEach(rules::add);
        rules.addAll(BotRules.words());
        BotRules.FRAGMENT_LITERALS.forEach(literal -> rules.add(new CrawlerPatterns.Rule(BotRules.FRAGMENTS, literal,
                null)));
        BotRules.URL_LITERALS.forEach(literal -> rules.add(new CrawlerPatterns.Rule(BotRules.URL, literal, null)));
        if (httpClients) {
            BotRules.CLIENT_TOKEN_LITERALS.forEach(literal -> rules.add(new CrawlerPatterns.Rule(
                    BotRules.CLIENT_TOKENS, literal, null)));
        }
        rules.addAll(CrawlerPatterns.rules(extraPatterns, BotRules.EXTRA));
        this.matcher = new CompiledRules(rules);
    }

    /** @return the filter with every rule, as the extension's defaults have it */
    public static BotFilter defaults() {
        return DEFAULTS;
    }

    /**
     * @param httpClients whether generic HTTP clients, and User-Agents without a browser's shape, are bots
     * @param extraPatterns further regular expressions (ignoring ASCII case) naming bots
     * @return the filter; one of two shared ones when there are no extra patterns
     * @throws java.util.regex.PatternSyntaxException when an extra pattern is not a regular expression
     */
    public static BotFilter of(boolean httpClients, List<String> extraPatterns) {
        if (extraPatterns.isEmpty()) {
            return httpClients ? DEFAULTS : WITHOUT_HTTP_CLIENTS;
        }
        return new BotFilter(httpClients, extraPatterns);
    }

    @Override
    public boolean isBot(ViewCounter.Viewer viewer) {
        return isBot(viewer.userAgent());
    }

    /**
     * @param userAgent the request's User-Agent header, or {@code null}
     * @return whether {@code userAgent} belongs to a bot; a missing one is a program's, unless generic HTTP clients
     *         count as readers
     */
    public boolean isBot(String userAgent) {
        if (userAgent == null) {
            return httpClients;
        }
        int hash = userAgent.hashCode();
        int slot = (hash ^ hash >>> 16) & (RECENT_SLOTS - 1);
        Verdict kept = recent[slot];
        if (kept != null && kept.userAgent.equals(userAgent)) {
            return kept.bot;
        }
        boolean bot = matches(userAgent);
        if (userAgent.length() <= MAX_KEPT_LENGTH) {
            recent[slot] = new Verdict(userAgent, bot);
        }
        return bot;
    }

    /** @return the verdict without the table of recent ones (for tests and benchmarks) */
    boolean matches(String userAgent) {
        if (userAgent == null) {
            return httpClients;
        }
        return httpClients && !BotRules.browserShaped(userAgent) || BotRules.holdsEmailAddress(userAgent)
                || matcher.matches(userAgent);
    }

    /** @return every rule that flags {@code userAgent} (for tests: which rule catches what) */
    Set<BotRules> rulesFlagging(String userAgent) {
        Set<BotRules> flagging = EnumSet.noneOf(BotRules.class);
        if (httpClients && !BotRules.browserShaped(userAgent)) {
            flagging.add(BotRules.SHAPE);
        }
        if (BotRules.holdsEmailAddress(userAgent)) {
            flagging.add(BotRules.EMAIL);
        }
        matcher.addFlagging(userAgent, flagging);
        return flagging;
    }

    /** @return the number of patterns without a literal, tried on every User-Agent not kept (for tests) */
    int patternsWithoutLiteral() {
        return matcher.withoutLiteral();
    }

    /** @return the number of states of the automaton (for tests) */
    int automatonStates() {
        return matcher.states();
    }
}
