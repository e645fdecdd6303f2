package io.github.coalesce.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The pages as a person sees them, in a real headless Chromium (Debian's chromium and chromedriver, which .ci/run
 * installs): list, post page, views rising on reload, the burst button, and user content shown as text. Screenshots
 * go to integration-tests/target/screenshots/ for review.
 */
@QuarkusTest
class BlogPagesBrowserTest {

    private static final String HOSTILE_TITLE = "<script>alert(1)</script>";

    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @TestHTTPResource("/")
    URI site;

    @BeforeAll
    static void openBrowser() throws Exception {
        chromium = HeadlessChromium.open();
        browser = chromium.driver();
    }

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void readingAPostCountsAViewAndShowsItsMetadata() throws Exception {
        browser.get(site.toString());
        screenshot("list");
        assertThat(browser.findElements(By.cssSelector(".post-summary"))).hasSize(10);
        assertThat(browser.findElement(By.cssSelector(".paging")).getText()).contains("Page 1 of");

        // A seeded post (other tests add posts of their own, which sort first).
        WebElement seeded = browser.findElement(By.partialLinkText("Thundering herds"));
        String title = seeded.getText();
        seeded.click();
        wait(5).until(driver -> driver.getCurrentUrl().contains("/p/"));
        assertThat(browser.findElement(By.cssSelector(".post-title")).getText()).isEqualTo(title);
        assertThat(browser.findElement(By.id("author")).getText()).matches("by (alice|bob)");
        long before = views();
        assertThat(browser.findElement(By.id("reading-time")).getText()).matches("\\d+ min read");
        assertThat(browser.findElements(By.cssSelector(".toc li"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector(".body h2"))).isNotEmpty();

        browser.navigate().refresh();
        assertThat(views()).as("a reload is one more view (cooldown 0s in tests)").isEqualTo(before + 1);
        screenshot("post");
    }

    @Test
    void theBurstButtonShowsOneExecutionServingFiftyRequests() throws Exception {
        browser.get(site.resolve("how-it-works").toString());
        browser.findElement(By.id("burst")).click();
        WebElement result = browser.findElement(By.id("burst-result"));
        wait(30).until(driver -> result.getDomAttribute("data-executions") != null);
        assertThat(result.getDomAttribute("data-responses")).isEqualTo("50");
        assertThat(result.getDomAttribute("data-executions")).isEqualTo("1");
        assertThat(result.getText()).contains("50 of 50 responses served by 1 execution");
        wait(5).until(driver -> driver.findElements(By.cssSelector("#coalesced tbody tr")).stream()
                .anyMatch(row -> row.getText().startsWith("site-metadata")));
        assertThat(browser.findElement(By.id("views-statements")).getText()).matches("\\d+");
        screenshot("how-it-works");
    }

    @Test
    void userContentIsEscapedNotExecuted() throws Exception {
        long id = given().auth().preemptive().basic("bob", "bob").contentType(ContentType.JSON)
                .body("{\"title\":\"" + HOSTILE_TITLE + "\",\"body\":\"# Hi\\n\\n<img src=x onerror=alert(2)> text\","
                        + "\"tags\":[\"xss\"]}")
                .post("/posts").then().statusCode(201).extract().jsonPath().getLong("id");

        browser.get(site.toString());
        assertThat(browser.findElement(By.cssSelector(".posts .post-link")).getText()).isEqualTo(HOSTILE_TITLE);
        assertNoAlert();
        browser.get(site.resolve("p/" + id).toString());
        assertThat(browser.findElement(By.cssSelector(".post-title")).getText()).isEqualTo(HOSTILE_TITLE);
        assertThat(browser.findElement(By.id("author")).getText()).isEqualTo("by bob");
        assertThat(browser.findElement(By.cssSelector(".body")).getText()).contains("<img src=x onerror=alert(2)>");
        assertThat(browser.findElements(By.cssSelector(".body img"))).isEmpty();
        assertNoAlert();
        screenshot("escaped");
    }

    private static long views() {
        return Long.parseLong(browser.findElement(By.id("views")).getText().replace(" views", ""));
    }

    private static void assertNoAlert() {
        try {
            browser.switchTo().alert();
            throw new AssertionError("a script from user content opened a dialog");
        } catch (NoAlertPresentException expected) {
            assertThat(chromium.dialogs()).as("dialogs opened by scripts").isEmpty();
        }
    }

    private static WebDriverWait wait(int seconds) {
        return chromium.waiting(seconds);
    }

    private static void screenshot(String name) throws Exception {
        chromium.screenshot(name);
    }
}
