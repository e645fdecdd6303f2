package io.github.coalesce.runtime.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recognises crawlers, link unfurlers and monitors by their User-Agent. Generic HTTP libraries (curl, Apache
 * HttpClient) and headless browsers are not on the list: they are how people and tests script real visits.
 * <p>
 * It runs on the request path for every view, so it is not a regular expression: an alternation of the fragments below
 * took 18-22 µs on a browser's User-Agent (each alternative tried at each position). Instead the fragments are indexed
 * by their first letter, and each position of the User-Agent is compared with the few fragments starting with its
 * letter, ignoring case: well under a microsecond.
 */
public final class BotFilter {

    /** Matches only where no letter, digit or underscore follows, as {@code bot\b} would. */
    private static final String WHOLE_WORD_BOT = "bot";

    /** Kept in step with the most frequent crawler User-Agents (search engines, social previews, SEO, monitors). */
    static final List<String> FRAGMENTS = List.of(
            WHOLE_WORD_BOT, "bot/", "crawl", "spider", "slurp", "mediapartners-google", "adsbot", "bingpreview",
            "facebookexternalhit", "facebookcatalog", "embedly", "quora link preview", "outbrain", "pinterest",
            "vkshare", "w3c_validator", "redditbot", "applebot", "whatsapp", "flipboard", "tumblr", "bitlybot",
            "skypeuripreview", "nuzzel", "discordbot", "google page speed", "qwantify", "chrome-lighthouse",
            "semrush", "ahrefs", "mj12bot", "dotbot", "petalbot", "yandex", "baiduspider", "duckduckbot", "sogou",
            "exabot", "ia_archiver", "archive.org_bot", "uptimerobot", "pingdom", "statuscake", "site24x7",
            "datadog synthetics", "feedfetcher", "feedly", "newsblur", "inoreader", "gptbot", "ccbot", "claudebot",
            "perplexitybot", "bytespider", "amazonbot");

    /** The fragments by their first character (all fragments are lower-case ASCII). */
    private static final String[][] BY_FIRST_CHAR = index(FRAGMENTS);

    private BotFilter() {
    }

    /** @return whether {@code userAgent} belongs to a crawler; a missing User-Agent is not taken for one */
    public static boolean isBot(String userAgent) {
        if (userAgent == null) {
            return false;
        }
        for (int at = 0, length = userAgent.length(); at < length; at++) {
            char c = userAgent.charAt(at);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            String[] candidates = c < BY_FIRST_CHAR.length ? BY_FIRST_CHAR[c] : null;
            if (candidates == null) {
                continue;
            }
            for (String fragment : candidates) {
                if (userAgent.regionMatches(true, at, fragment, 0, fragment.length())
                        && (fragment != WHOLE_WORD_BOT || !isWordChar(userAgent, at + fragment.length()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isWordChar(String text, int at) {
        if (at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static String[][] index(List<String> fragments) {
        List<List<String>> byFirst = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            byFirst.add(new ArrayList<>());
        }
        for (String fragment : fragments) {
            if (!fragment.equals(fragment.toLowerCase(Locale.ROOT)) || fragment.charAt(0) >= 128) {
                throw new IllegalArgumentException("not a lower-case ASCII fragment: " + fragment);
            }
            byFirst.get(fragment.charAt(0)).add(fragment);
        }
        String[][] index = new String[128][];
        for (int c = 0; c < 128; c++) {
            index[c] = byFirst.get(c).isEmpty() ? null : byFirst.get(c).toArray(String[]::new);
        }
        return index;
    }
}
