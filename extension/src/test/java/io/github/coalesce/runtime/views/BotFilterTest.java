package io.github.coalesce.runtime.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The filter against the test data that {@code extension/refresh-bot-list.sh} copies beside this test: the example
 * User-Agents of the crawler list it is built from (npm {@code crawler-user-agents}, MIT) and the most common browser
 * User-Agents (npm {@code top-user-agents}, MIT); their licences are beside them.
 */
class BotFilterTest {

    /** The upstream tags the filter leaves out on purpose: scripted clients and headless browsers keep counting. */
    private static final Set<String> COUNTED_TAGS = Set.of("http-library", "browser-automation");

    @Test
    void catchesTheCrawlerListsOwnExamples() throws IOException {
        List<String> crawlers = new ArrayList<>();
        for (Object entry : new JsonArray(resource("crawler-user-agents.json"))) {
            JsonObject crawler = (JsonObject) entry;
            if (crawler.getJsonArray("tags", new JsonArray()).stream().noneMatch(COUNTED_TAGS::contains)) {
                crawler.getJsonArray("instances", new JsonArray()).forEach(instance -> crawlers.add((String) instance));
            }
        }
        List<String> missed = crawlers.stream().filter(userAgent -> !BotFilter.isBot(userAgent)).toList();
        assertThat(crawlers).as("examples in the list").hasSizeGreaterThan(1_500);
        assertThat(missed.size()).as("crawlers missed: " + missed).isLessThanOrEqualTo(crawlers.size() / 50);
    }

    @Test
    void noBrowserIsTakenForABot() throws IOException {
        List<String> browsers = new JsonArray(resource("top-user-agents.json")).stream().map(String.class::cast)
                .toList();
        assertThat(browsers).hasSizeGreaterThanOrEqualTo(50);
        assertThat(browsers).filteredOn(BotFilter::isBot).as("browsers taken for bots").isEmpty();
        assertThat(browsers).filteredOn(BotFilter::matches).as("the same without the table of recent verdicts")
                .isEmpty();
    }

    @Test
    void scriptedClientsAndHeadlessBrowsersCount() {
        assertThat(BotFilter.isBot(null)).isFalse();
        assertThat(BotFilter.isBot("")).isFalse();
        assertThat(BotFilter.isBot("curl/8.5.0")).isFalse();
        assertThat(BotFilter.isBot("Wget/1.21.3")).isFalse();
        assertThat(BotFilter.isBot("Java-http-client/25")).isFalse();
        assertThat(BotFilter.isBot("python-requests/2.31.0")).isFalse();
        assertThat(BotFilter.isBot("Apache-HttpClient/5.2.1 (Java/21)")).isFalse();
        assertThat(BotFilter.isBot("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " HeadlessChrome/131.0.0.0 Safari/537.36")).isFalse();
        // "bot" only counts as a whole word: these contain it inside a word.
        assertThat(BotFilter.isBot("Robotics-Dashboard/1.0")).isFalse();
        assertThat(BotFilter.isBot("Bottle/0.12")).isFalse();
    }

    @Test
    void crawlersUnfurlersAndMonitorsAreBots() {
        assertThat(BotFilter.isBot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")).isTrue();
        assertThat(BotFilter.isBot("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")).isTrue();
        assertThat(BotFilter.isBot("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)")).isTrue();
        assertThat(BotFilter.isBot("Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)")).isTrue();
        assertThat(BotFilter.isBot("WhatsApp/2.23.20.0 A")).isTrue();
        assertThat(BotFilter.isBot("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)")).isTrue();
        // Not in the list under these names: the generic words catch them.
        assertThat(BotFilter.isBot("AcmeNewsBot/0.1")).isTrue();
        assertThat(BotFilter.isBot("my-little-crawler")).isTrue();
        assertThat(BotFilter.isBot("SPIDER-Checker")).as("ASCII case ignored").isTrue();
    }

    /** Case and word boundaries are ASCII's: no Unicode case folding (ı, ſ and the Kelvin sign fold to i, s, k). */
    @Test
    void casesAreAscii() {
        assertThat(BotFilter.isBot("sp\u0131der")).as("dotless i is not i").isFalse();
        assertThat(BotFilter.isBot("\u212Arawl, cra\u212Al")).as("the Kelvin sign is not k").isFalse();
        assertThat(BotFilter.isBot("Zorgbot\u00e4")).as("a non-ASCII letter ends the word").isTrue();
        assertThat(BotFilter.isBot("Zorgbot_x")).as("an underscore does not").isFalse();
    }

    /** Patterns that are more than a literal are confirmed by their expression, anchors included. */
    @Test
    void expressionsConfirmTheirLiteral() {
        assertThat(BotFilter.isBot("Seekbot/1.0")).isTrue();
        assertThat(BotFilter.isBot("AdsBot-Google (+http://www.google.com/adsbot.html)")).isTrue();
        assertThat(BotFilter.matches("x GoogleAssociationService")).isTrue();
        assertThat(BotFilter.matches("x GoogleAssociationService y")).as("anchored at the end").isFalse();
        assertThat(BotFilter.patternsWithoutLiteral()).as("patterns tried on every User-Agent").isLessThan(10);
    }

    /** A repeated User-Agent gets the verdict it had, and a colliding one never gets another's. */
    @Test
    void recentVerdictsAreTheVerdicts() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < BotFilter.RECENT_SLOTS * 4; i++) {
                String browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/" + i;
                String crawler = "ExampleCrawler/" + i;
                assertThat(BotFilter.isBot(browser)).as(browser).isFalse();
                assertThat(BotFilter.isBot(crawler)).as(crawler).isTrue();
            }
        }
        String long_ = "Mozilla/5.0 " + "x".repeat(BotFilter.MAX_KEPT_LENGTH) + " Googlebot/2.1";
        assertThat(BotFilter.isBot(long_)).as("too long to be kept, still judged").isTrue();
    }

    @Test
    void theAutomatonStaysSmall() {
        assertThat(BotFilter.automatonStates()).as("rows of its transition table").isLessThan(10_000);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BotFilterTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name + " beside this test (bash extension/refresh-bot-list.sh)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
