package io.github.coalesce.runtime.views;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of the bot filter beyond the maintained crawler list: the kinds of rules the best detectors use, so that
 * crawlers the list does not name yet are still caught. Each was kept only if it flags no User-Agent of the browser
 * corpora {@code BotFilterTest} checks (npm {@code user-agents} and {@code top-user-agents}).
 */
enum BotRules {
    /** The patterns of npm {@code crawler-user-agents}, without its HTTP-library and browser-automation entries. */
    LIST(false),
    /** Words that name a crawler whatever its name: "bot" as a whole word, "crawl", "spider". */
    WORDS(false),
    /** Generic fragments, as in isbot's single pattern: what monitors, feed readers and site tools call themselves. */
    FRAGMENTS(false),
    /** A URL inside the User-Agent: crawlers point to their documentation ({@code +http://…}), browsers never do. */
    URL(false),
    /** An e-mail address inside the User-Agent: an operator's contact, never a browser's. */
    EMAIL(false),
    /** Extra patterns of {@code quarkus.coalesce.view-counter.bots.extra-patterns}. */
    EXTRA(false),
    /** The list's HTTP-library and browser-automation entries (curl, wget, HeadlessChrome, …). */
    CLIENT_LIST(true),
    /** Tokens of HTTP client libraries the list does not have. */
    CLIENT_TOKENS(true),
    /**
     * No browser's shape: a browser's User-Agent starts with a {@code Mozilla/} (or {@code Opera/}) product whose
     * comment names a platform; an empty, missing or absurdly short value, or a bare {@code Name/1.0}, is a program.
     */
    SHAPE(true);

    /** Whether the rule is one of {@code http-clients}: off when generic clients count as readers. */
    final boolean httpClient;

    BotRules(boolean httpClient) {
        this.httpClient = httpClient;
    }

    static final List<String> FRAGMENT_LITERALS = List.of("scan", "fetch", "monitor", "check", "preview", "archive",
            "validator", "scrape", "feed", "rss", "inspect", "probe", "audit", "analyz", "capture", "download",
            "sitemap", "uptime", "index");

    static final List<String> URL_LITERALS = List.of("http://", "https://", "www.");

    static final List<String> CLIENT_TOKEN_LITERALS = List.of("curl", "wget", "go-http-client", "java/", "okhttp",
            "python", "aiohttp", "httpx", "axios", "node-fetch", "undici", "php/", "guzzle", "libwww", "lwp-", "ruby",
            "faraday", "httpclient", "http-client", "http_client", "scrapy", "ureq/", "reqwest", "anyevent", "winhttp",
            "powershell", "postman", "headless", "phantomjs", "dart/", "restsharp");

    /** The words: literal, and the expression confirming it (null when the literal is the rule). */
    static List<CrawlerPatterns.Rule> words() {
        return List.of(new CrawlerPatterns.Rule(WORDS, "bot", Pattern.compile("bot\\b", Pattern.CASE_INSENSITIVE)),
                new CrawlerPatterns.Rule(WORDS, "crawl", null), new CrawlerPatterns.Rule(WORDS, "spider", null));
    }

    /** What a browser's platform comment names, first the most frequent ones. */
    private static final String[] PLATFORMS = { "Windows", "Macintosh", "Linux", "iPhone", "iPad", "X11", "CrOS",
            "Android", "iPod", "Mobile", "Tablet", "BlackBerry", "BB10", "Symbian", "KAIOS", "Tizen", "PlayStation",
            "Nintendo", "Xbox", "SMART-TV", "webOS", "Web0S" };

    /** @return whether the User-Agent has a browser's shape (see {@link #SHAPE}); no allocation */
    static boolean browserShaped(String userAgent) {
        int product;
        if (userAgent.startsWith("Mozilla/")) {
            product = "Mozilla/".length();
        } else if (userAgent.startsWith("Opera/")) {
            product = "Opera/".length();
        } else {
            return false;
        }
        if (product >= userAgent.length() || !isDigit(userAgent.charAt(product))) {
            return false;
        }
        int open = userAgent.indexOf(" (", product);
        int close = open < 0 ? -1 : userAgent.indexOf(')', open);
        if (close < 0 || userAgent.indexOf(' ', product) != open) {
            return false;
        }
        for (String platform : PLATFORMS) {
            if (userAgent.indexOf(platform, open, close) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the User-Agent holds {@code name@domain.tld}; no allocation, no regular expression */
    static boolean holdsEmailAddress(String userAgent) {
        for (int at = userAgent.indexOf('@'); at > 0; at = userAgent.indexOf('@', at + 1)) {
            if (!isWordChar(userAgent.charAt(at - 1))) {
                continue;
            }
            int i = at + 1;
            while (i < userAgent.length() && (isLetter(userAgent.charAt(i)) || isDigit(userAgent.charAt(i))
                    || userAgent.charAt(i) == '-')) {
                i++;
            }
            if (i > at + 1 && i + 1 < userAgent.length() && userAgent.charAt(i) == '.'
                    && isLetter(userAgent.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isWordChar(char c) {
        return isLetter(c) || isDigit(c) || c == '_' || c == '.';
    }
}
