package io.github.coalesce.runtime.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class BotFilterTest {

    @Test
    void crawlersUnfurlersAndMonitorsAreBots() {
        assertThat(BotFilter.isBot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")).isTrue();
        assertThat(BotFilter.isBot("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")).isTrue();
        assertThat(BotFilter.isBot("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")).isTrue();
        assertThat(BotFilter.isBot("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)")).isTrue();
        assertThat(BotFilter.isBot("Twitterbot/1.0")).isTrue();
        assertThat(BotFilter.isBot("Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)")).isTrue();
        assertThat(BotFilter.isBot("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)")).isTrue();
        assertThat(BotFilter.isBot("WhatsApp/2.23.20.0 A")).isTrue();
        assertThat(BotFilter.isBot("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)")).isTrue();
    }

    @Test
    void browsersScriptsAndHeadlessBrowsersAreNot() {
        assertThat(BotFilter.isBot(null)).isFalse();
        assertThat(BotFilter.isBot("")).isFalse();
        assertThat(BotFilter.isBot("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Safari/537.36")).isFalse();
        assertThat(BotFilter.isBot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
                + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")).isFalse();
        assertThat(BotFilter.isBot("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " HeadlessChrome/131.0.0.0 Safari/537.36")).isFalse();
        assertThat(BotFilter.isBot("curl/8.5.0")).isFalse();
        assertThat(BotFilter.isBot("Java-http-client/25")).isFalse();
        // "bot" only counts as a whole word (or before a slash): these contain it inside a word.
        assertThat(BotFilter.isBot("Robotics-Dashboard/1.0")).isFalse();
        assertThat(BotFilter.isBot("Bottle/0.12")).isFalse();
    }

    /** Case and word boundaries are ASCII's, as in the expression it replaced: no Unicode case folding. */
    @Test
    void casesAndWordBoundariesAreAscii() {
        assertThat(BotFilter.isBot("SPIDER-Checker")).isTrue();
        assertThat(BotFilter.isBot("sp\u0131der")).as("dotless i is not i").isFalse();
        assertThat(BotFilter.isBot("\u212Arawl, cra\u212Al")).as("the Kelvin sign is not k").isFalse();
        assertThat(BotFilter.isBot("Googlebot\u00e4")).as("a non-ASCII letter ends the word").isTrue();
        assertThat(BotFilter.isBot("Googlebot_x")).as("an underscore does not").isFalse();
    }

    /** The verdicts of the regular expression the filter replaced, verbatim, for many mixed inputs. */
    @Test
    void agreesWithTheRegularExpressionItReplaced() {
        Pattern regex = Pattern.compile(String.join("|",
                "bot\\b", "bot/", "crawl", "spider", "slurp", "mediapartners-google", "adsbot", "bingpreview",
                "facebookexternalhit", "facebookcatalog", "embedly", "quora link preview", "outbrain", "pinterest",
                "vkshare", "w3c_validator", "redditbot", "applebot", "whatsapp", "flipboard", "tumblr", "bitlybot",
                "skypeuripreview", "nuzzel", "discordbot", "google page speed", "qwantify", "chrome-lighthouse",
                "semrush", "ahrefs", "mj12bot", "dotbot", "petalbot", "yandex", "baiduspider", "duckduckbot", "sogou",
                "exabot", "ia_archiver", "archive.org_bot", "uptimerobot", "pingdom", "statuscake", "site24x7",
                "datadog synthetics", "feedfetcher", "feedly", "newsblur", "inoreader", "gptbot", "ccbot", "claudebot",
                "perplexitybot", "bytespider", "amazonbot"),
                Pattern.CASE_INSENSITIVE);
        Random random = new Random(42);
        // Non-ASCII letters too: neither matches them case-insensitively with ASCII ones (ı, ſ and the Kelvin sign fold
        // to i, s and k in Unicode), and none of them is a word character for "bot".
        String filler = "Mozilla/5.0 (; ) _-.0123456789abcdefghijklmnopqrstuvwxyzABCXYZäéıſ\u212A";
        int bots = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder userAgent = new StringBuilder();
            for (int part = random.nextInt(6); part >= 0; part--) {
                if (random.nextInt(3) == 0) {
                    String fragment = BotFilter.FRAGMENTS.get(random.nextInt(BotFilter.FRAGMENTS.size()));
                    // Cut some fragments short, and change the case of others.
                    fragment = fragment.substring(0, 1 + random.nextInt(fragment.length()));
                    userAgent.append(random.nextBoolean() ? fragment.toUpperCase(Locale.ROOT) : fragment);
                }
                for (int c = random.nextInt(4); c > 0; c--) {
                    userAgent.append(filler.charAt(random.nextInt(filler.length())));
                }
            }
            boolean expected = regex.matcher(userAgent).find();
            bots += expected ? 1 : 0;
            assertThat(BotFilter.isBot(userAgent.toString())).as(userAgent.toString()).isEqualTo(expected);
        }
        assertThat(bots).as("inputs that are bots, so both verdicts were exercised").isBetween(1_000, 19_000);
    }
}
