package io.github.coalesce.runtime.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The filter against the test data that {@code extension/refresh-bot-list.sh} writes beside this test (their
 * sources, versions and licences: the README.md there): the example User-Agents of the crawler list it is built from
 * (npm {@code crawler-user-agents}), a crawler set it is NOT built from (JayBizzle/Crawler-Detect's), compared with
 * npm {@code isbot}'s pattern on the same set, and two browser sets (npm {@code user-agents}, {@code top-user-agents}).
 */
class BotFilterTest {

    private static final BotFilter FILTER = BotFilter.defaults();
    private static final BotFilter COUNTING_CLIENTS = BotFilter.of(false, List.of());

    @Test
    void catchesTheCrawlerListsOwnExamples() throws IOException {
        List<String> crawlers = new ArrayList<>();
        for (Object entry : new JsonArray(resource("crawler-user-agents.json"))) {
            JsonObject crawler = (JsonObject) entry;
            crawler.getJsonArray("instances", new JsonArray()).forEach(instance -> crawlers.add((String) instance));
        }
        List<String> missed = crawlers.stream().filter(userAgent -> !FILTER.isBot(userAgent)).toList();
        assertThat(crawlers).as("examples in the list").hasSizeGreaterThan(1_500);
        assertThat(missed).as("crawlers missed").isEmpty();
    }

    /**
     * The held-out set: at least isbot's rate on the same set, measured here by its pattern (java.util.regex), and
     * which rule catches how many (printed, for the notes).
     */
    @Test
    void catchesAtLeastAsManyHeldOutCrawlersAsIsbot() throws IOException {
        List<String> crawlers = lines("crawler-detect-crawlers.txt");
        Pattern isbot = Pattern.compile(resource("isbot-pattern.txt").strip(), Pattern.CASE_INSENSITIVE);
        long byIsbot = crawlers.stream().filter(userAgent -> isbot.matcher(userAgent).find()).count();
        long byFilter = crawlers.stream().filter(FILTER::isBot).count();
        long withoutClients = crawlers.stream().filter(COUNTING_CLIENTS::isBot).count();
        Map<BotRules, Integer> byRule = new EnumMap<>(BotRules.class);
        Map<BotRules, Integer> onlyByRule = new EnumMap<>(BotRules.class);
        for (String userAgent : crawlers) {
            Set<BotRules> flagging = FILTER.rulesFlagging(userAgent);
            flagging.forEach(rule -> byRule.merge(rule, 1, Integer::sum));
            if (flagging.size() == 1) {
                onlyByRule.merge(flagging.iterator().next(), 1, Integer::sum);
            }
        }
        System.out.printf("held-out %d crawlers: filter %d (%.1f %%), http-clients=false %d (%.1f %%), isbot %d"
                + " (%.1f %%); caught by rule %s; by that rule alone %s%n", crawlers.size(), byFilter,
                100.0 * byFilter / crawlers.size(), withoutClients, 100.0 * withoutClients / crawlers.size(), byIsbot,
                100.0 * byIsbot / crawlers.size(), byRule, onlyByRule);
        assertThat(crawlers).as("distinct crawler User-Agents held out").hasSizeGreaterThan(3_600);
        assertThat(byIsbot).as("isbot's pattern on the same set").isGreaterThan(crawlers.size() * 9L / 10);
        assertThat(byFilter).as("crawlers caught, against isbot's " + byIsbot).isGreaterThanOrEqualTo(byIsbot);
    }

    @Test
    void noBrowserIsTakenForABot() throws IOException {
        List<String> browsers = new ArrayList<>(lines("user-agents-browsers.txt"));
        assertThat(browsers).as("npm user-agents").hasSizeGreaterThan(900);
        List<String> top = new JsonArray(resource("top-user-agents.json")).stream().map(String.class::cast).toList();
        assertThat(top).as("npm top-user-agents").hasSizeGreaterThanOrEqualTo(50);
        browsers.addAll(top);
        assertThat(browsers).filteredOn(FILTER::isBot).as("browsers taken for bots").isEmpty();
        assertThat(browsers).filteredOn(FILTER::matches).as("the same without the table of recent verdicts")
                .isEmpty();
    }

    /** Each generic rule alone flags no browser: the condition on which it was kept. */
    @Test
    void everyRuleFlagsNoBrowser() throws IOException {
        List<String> browsers = new ArrayList<>(lines("user-agents-browsers.txt"));
        new JsonArray(resource("top-user-agents.json")).forEach(browser -> browsers.add((String) browser));
        for (String browser : browsers) {
            assertThat(FILTER.rulesFlagging(browser)).as(browser).isEmpty();
        }
    }

    @Test
    void genericHttpClientsAreBotsUnlessTheyCount() {
        List<String> clients = List.of("curl/8.5.0", "Wget/1.21.3", "Java-http-client/25", "python-requests/2.31.0",
                "Apache-HttpClient/5.2.1 (Java/21)", "Go-http-client/1.1", "Java/1.7.0_65", "PHP/5.5",
                "Scrapy/0.16.5", "ureq/2.0.1", "AnyEvent-HTTP/2.15",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0"
                        + " Safari/537.36",
                "", "x", "Robotics-Dashboard/1.0");
        assertThat(clients).allMatch(FILTER::isBot);
        assertThat(FILTER.isBot((String) null)).as("no User-Agent at all").isTrue();
        assertThat(clients).noneMatch(COUNTING_CLIENTS::isBot);
        assertThat(COUNTING_CLIENTS.isBot((String) null)).isFalse();
        assertThat(COUNTING_CLIENTS.isBot("QuiteRSS/0.18.12 (Windows)")).as("a feed reader is no HTTP client").isTrue();
        // "bot" only counts as a whole word: these contain it inside a word.
        assertThat(COUNTING_CLIENTS.isBot("Bottle/0.12")).isFalse();
    }

    @Test
    void urlsAndEmailAddressesMarkABot() {
        String browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Safari/537.36";
        assertThat(FILTER.isBot(browser)).isFalse();
        assertThat(FILTER.rulesFlagging(browser + " Zorg (+http://zorg.example/about)")).contains(BotRules.URL);
        assertThat(FILTER.rulesFlagging(browser + " Zorg ops@zorg.example")).containsExactly(BotRules.EMAIL);
        assertThat(FILTER.isBot(browser + " Zorg @home.")).as("no address: no domain").isFalse();
    }

    @Test
    void extraPatternsAreBotsAndAnInvalidOneIsNamed() {
        BotFilter extra = BotFilter.of(true, List.of("^acme-internal", "AcmeReader/\\d"));
        String browserLike = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/140.0 AcmeReader/2";
        assertThat(extra.isBot(browserLike)).isTrue();
        assertThat(FILTER.isBot(browserLike)).isFalse();
        assertThat(BotFilter.of(false, List.of("^acme-internal")).isBot("acme-internal 1")).isTrue();
        assertThatThrownBy(() -> BotFilter.of(true, List.of("Acme(")))
                .isInstanceOf(PatternSyntaxException.class).hasMessageContaining("Acme(");
    }

    /** A User-Agent seen before costs a hash and a comparison: nothing allocated, however many calls. */
    @Test
    void aUserAgentSeenBeforeAllocatesNothing() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        String browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Safari/537.36";
        String seenBefore = new String(browser.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        boolean any = false;
        for (int i = 0; i < 200_000; i++) { // compiled, and its verdict kept
            any |= FILTER.isBot(seenBefore);
        }
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1_000_000; i++) {
            any |= FILTER.isBot(seenBefore);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(any).isFalse();
        // One allocation a call would be 16 MB or more; the few kilobytes seen are the measurement's own.
        assertThat(allocated).as("bytes allocated by a million calls").isLessThan(64 * 1024);
    }

    /** Case and word boundaries are ASCII's: no Unicode case folding (ı, ſ and the Kelvin sign fold to i, s, k). */
    @Test
    void casesAreAscii() {
        String browser = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/140.0 ";
        assertThat(FILTER.isBot(browser + "sp\u0131der")).as("dotless i is not i").isFalse();
        assertThat(FILTER.isBot(browser + "\u212Arawl, cra\u212Al")).as("the Kelvin sign is not k").isFalse();
        assertThat(FILTER.isBot(browser + "Zorgbot\u00e4")).as("a non-ASCII letter ends the word").isTrue();
        assertThat(FILTER.isBot(browser + "Zorgbot_x")).as("an underscore does not").isFalse();
    }

    /** Patterns that are more than a literal are confirmed by their expression, anchors included. */
    @Test
    void expressionsConfirmTheirLiteral() {
        assertThat(COUNTING_CLIENTS.isBot("Seekbot/1.0")).isTrue();
        assertThat(COUNTING_CLIENTS.isBot("AdsBot-Google (+http://www.google.com/adsbot.html)")).isTrue();
        String browser = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/140.0 ";
        assertThat(COUNTING_CLIENTS.matches(browser + "x GoogleAssociationService")).isTrue();
        assertThat(COUNTING_CLIENTS.matches(browser + "x GoogleAssociationService y")).as("anchored at the end")
                .isFalse();
        assertThat(FILTER.patternsWithoutLiteral()).as("patterns tried on every User-Agent").isLessThan(10);
    }

    /** A repeated User-Agent gets the verdict it had, and a colliding one never gets another's. */
    @Test
    void recentVerdictsAreTheVerdicts() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < BotFilter.RECENT_SLOTS * 4; i++) {
                String browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/" + i;
                String crawler = "ExampleCrawler/" + i;
                assertThat(FILTER.isBot(browser)).as(browser).isFalse();
                assertThat(FILTER.isBot(crawler)).as(crawler).isTrue();
            }
        }
        String long_ = "Mozilla/5.0 " + "x".repeat(BotFilter.MAX_KEPT_LENGTH) + " Googlebot/2.1";
        assertThat(FILTER.isBot(long_)).as("too long to be kept, still judged").isTrue();
    }

    @Test
    void theAutomatonStaysSmall() {
        assertThat(FILTER.automatonStates()).as("rows of its transition table").isLessThan(10_000);
    }

    private static List<String> lines(String name) throws IOException {
        return resource(name).lines().filter(line -> !line.isEmpty()).toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BotFilterTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name + " beside this test (bash extension/refresh-bot-list.sh)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
