package io.github.coalesce.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Known XSS vectors as post titles and Markdown bodies (HTML and attribute contexts, {@code javascript:} links,
 * markup in headings, which become the table of contents and anchors, and in related-post titles), rendered on every
 * page that shows them, in the headless browser: no script runs (the browser records every dialog a script opens),
 * no element or attribute a vector carries reaches the DOM, no {@code javascript:} URL does, and each title reads
 * exactly as typed.
 */
@QuarkusTest
class XssVectorsBrowserTest {

    /** Every vector that injects markup marks it with {@code data-xss}, which the pages never use. */
    private static final List<String> TITLES = List.of(
            "<script data-xss>alert('t1')</script>",
            "<img src=x data-xss onerror=alert('t2')>",
            "\"><svg data-xss onload=alert('t3')>",
            "'><iframe data-xss src=javascript:alert('t4')></iframe>",
            "</title><script data-xss>alert('t5')</script>",
            "\" autofocus onfocus=alert('t6') data-xss x=\"",
            "<details data-xss open ontoggle=alert('t7')>",
            "</script><script data-xss>alert('t8')</script>",
            "<math><mtext><table><mglyph><style><img data-xss src=x onerror=alert('t9')>",
            "{alert('t10')} {{alert('t11')}} ${alert('t12')} `-alert('t13')-`");

    private static final String BODY = String.join("\n\n",
            "## <img src=x data-xss onerror=alert('b1')> heading",
            "### \"><svg data-xss onload=alert('b2')>",
            "[click me](javascript:alert('b3')) and ![image](javascript:alert('b4'))",
            "<javascript:alert('b5')> and [entity](jav&#x61;script:alert('b6'))",
            "<div data-xss onmouseover=alert('b7')>raw block</div>",
            "<script data-xss>alert('b8')</script>",
            "[titled](https://example.org \"\\\" data-xss onmouseover=alert('b9') x=\\\"\")",
            "Inline <b data-xss onclick=alert('b10')>bold</b> and <a data-xss href=\"javascript:alert('b11')\">a</a>");

    private static final String FINDINGS = "return {"
            + " injected: document.querySelectorAll('[data-xss]').length,"
            + " handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
            + "     .filter(a => a.name.startsWith('on')).map(a => e.tagName + '@' + a.name)),"
            + " javascriptUrls: [...document.querySelectorAll('[href],[src],[action],[formaction]')]"
            + "     .flatMap(e => ['href', 'src', 'action', 'formaction'].map(n => e.getAttribute(n) || ''))"
            + "     .filter(v => /^\\s*javascript:/i.test(v))"
            + "};";

    private static HeadlessChromium chromium;

    @TestHTTPResource("/")
    URI site;

    @BeforeAll
    static void openBrowser() throws Exception {
        chromium = HeadlessChromium.open();
    }

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void everyVectorRendersInertOnEveryPageThatShowsIt() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String title : TITLES) {
            // One tag for all: each post page lists the others as related, so every title is shown there too.
            ids.add(given().auth().preemptive().basic("bob", "bob").contentType(ContentType.JSON)
                    .body(Map.of("title", title, "body", BODY, "tags", List.of("xss vectors")))
                    .post("/posts").then().statusCode(201).extract().jsonPath().getLong("id"));
        }
        WebDriver browser = chromium.driver();
        List<String> pages = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String page = "p/" + ids.get(i);
            open(page);
            assertThat(browser.findElement(By.cssSelector(".post-title")).getText()).as(page).isEqualTo(TITLES.get(i));
            assertThat(browser.getTitle()).as(page).startsWith(TITLES.get(i));
            assertThat(browser.findElements(By.cssSelector("#related li"))).as(page).hasSizeGreaterThanOrEqualTo(1);
            assertThat(browser.findElement(By.cssSelector(".body")).getText()).as(page)
                    .contains("<img src=x data-xss onerror=alert('b1')> heading").contains("raw block");
            assertThat(browser.findElement(By.cssSelector(".toc")).getText()).as(page)
                    .contains("<img src=x data-xss onerror=alert('b1')> heading");
            pages.add(page);
        }
        // After the visits above the posts have views, so the list's trending section may show them as well.
        open("");
        List<String> listed = browser.findElements(By.cssSelector(".posts .post-link")).stream()
                .map(link -> link.getText()).toList();
        assertThat(listed).as("the newest posts, titles as typed").containsAll(TITLES);
        open("how-it-works");
        open("?page=1");
        chromium.screenshot("xss-vectors");
        assertThat(pages).hasSize(TITLES.size());
    }

    /** Opens a page and checks it: no dialog opened by a script, nothing a vector carries in the DOM. */
    private void open(String page) {
        WebDriver browser = chromium.driver();
        browser.get(site.resolve(page).toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> findings = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(FINDINGS);
        assertThat(chromium.dialogs()).as("dialogs opened by scripts on /%s", page).isEmpty();
        assertThat(findings.get("injected")).as("elements marked data-xss on /%s", page).isEqualTo(0L);
        assertThat((List<?>) findings.get("handlers")).as("on* attributes on /%s", page).isEmpty();
        assertThat((List<?>) findings.get("javascriptUrls")).as("javascript: URLs on /%s", page).isEmpty();
    }
}
