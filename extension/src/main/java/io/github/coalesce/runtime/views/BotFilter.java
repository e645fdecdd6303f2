package io.github.coalesce.runtime.views;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recognises crawlers, link unfurlers and monitors by their User-Agent. Generic HTTP libraries (curl, Apache
 * HttpClient) and headless browsers are not on the list: they are how people and tests script real visits.
 * <p>
 * It runs on the request path for every view, so it is not a regular expression: an alternation of the fragments below
 * took 18-22 µs on a browser's User-Agent (each alternative tried at each position). Instead the fragments are indexed
 * by their first letter, and each position of the User-Agent is compared with the few fragments starting with its
 * letter, ignoring ASCII case: well under a microsecond. The fragments are literal text; letters match regardless of
 * ASCII case only, and "bot" only where no ASCII letter, digit or underscore follows, as the expression
 * {@code bot\b|crawl|spider|…} with {@code CASE_INSENSITIVE} does on JDK 19 and later.
 */
public final class BotFilter {

    /** Matches only where no ASCII letter, digit or underscore follows, as {@code bot\b} does. */
    private static final String WHOLE_WORD_BOT = "bot";

    /** Kept in step with the most frequent crawler User-Agents (search engines, social previews, SEO, monitors). */
    static final List<String> FRAGMENTS = List.of(
            WHOLE_WORD_BOT, "crawl", "spider", "slurp", "mediapartners-google", "adsbot", "bingpreview",
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
            char c = lowerAscii(userAgent.charAt(at));
            String[] candidates = c < BY_FIRST_CHAR.length ? BY_FIRST_CHAR[c] : null;
            if (candidates == null) {
                continue;
            }
            for (String fragment : candidates) {
                if (startsWithIgnoringAsciiCase(userAgent, at, fragment)
                        && (fragment != WHOLE_WORD_BOT || !isWordChar(userAgent, at + fragment.length()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @param fragment lower-case ASCII */
    private static boolean startsWithIgnoringAsciiCase(String text, int at, String fragment) {
        if (at + fragment.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < fragment.length(); i++) {
            if (lowerAscii(text.charAt(at + i)) != fragment.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static boolean isWordChar(String text, int at) {
        if (at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static String[][] index(List<String> fragments) {
        String[][] index = new String[128][];
        for (String fragment : fragments) {
            if (!fragment.matches("[a-z0-9][\\x20-\\x7e&&[^A-Z]]*")) {
                throw new IllegalArgumentException("not a lower-case ASCII fragment: " + fragment);
            }
            String[] sameFirst = index[fragment.charAt(0)];
            index[fragment.charAt(0)] = sameFirst == null ? new String[] { fragment }
                    : Stream.concat(Arrays.stream(sameFirst), Stream.of(fragment)).toArray(String[]::new);
        }
        return index;
    }
}
