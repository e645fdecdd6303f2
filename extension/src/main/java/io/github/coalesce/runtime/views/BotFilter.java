package io.github.coalesce.runtime.views;

import java.util.regex.Pattern;

/**
 * Recognises crawlers, link unfurlers and monitors by their User-Agent. Generic HTTP libraries (curl, Apache
 * HttpClient) and headless browsers are not on the list: they are how people and tests script real visits.
 */
public final class BotFilter {

    /** Kept in step with the most frequent crawler User-Agents (search engines, social previews, SEO, monitors). */
    private static final Pattern CRAWLERS = Pattern.compile(String.join("|",
            "bot\\b", "bot/", "crawl", "spider", "slurp", "mediapartners-google", "adsbot", "bingpreview",
            "facebookexternalhit", "facebookcatalog", "embedly", "quora link preview", "outbrain", "pinterest",
            "vkshare", "w3c_validator", "redditbot", "applebot", "whatsapp", "flipboard", "tumblr", "bitlybot",
            "skypeuripreview", "nuzzel", "discordbot", "google page speed", "qwantify", "chrome-lighthouse",
            "semrush", "ahrefs", "mj12bot", "dotbot", "petalbot", "yandex", "baiduspider", "duckduckbot", "sogou",
            "exabot", "ia_archiver", "archive.org_bot", "uptimerobot", "pingdom", "statuscake", "site24x7",
            "datadog synthetics", "feedfetcher", "feedly", "newsblur", "inoreader", "gptbot", "ccbot", "claudebot",
            "perplexitybot", "bytespider", "amazonbot"),
            Pattern.CASE_INSENSITIVE);

    private BotFilter() {
    }

    /** @return whether {@code userAgent} belongs to a crawler; a missing User-Agent is not taken for one */
    public static boolean isBot(String userAgent) {
        return userAgent != null && CRAWLERS.matcher(userAgent).find();
    }
}
