package io.github.coalesce.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.github.coalesce.CollapsedEndpoint;
import io.github.coalesce.CollapsedEndpoints;
import io.github.coalesce.FlightGroup;
import io.github.coalesce.FlightGroups;
import io.github.coalesce.ViewCounter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The sample's collapsed endpoints: a valid Atom feed shared by a burst, and post pages that count every view. A burst
 * runs the handler once: counted by the extension's endpoint counters (leaders, and no request that ran anew or
 * bypassed the flight) and, for post pages, by the handler's own work (its one {@code post-metadata} call per run),
 * so that a follower answered with the leader's copy after running the handler itself would show.
 */
@QuarkusTest
class HttpCollapsingTest {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    @TestHTTPResource("/feed.xml")
    URI feed;

    @TestHTTPResource("/p/7")
    URI post;

    @Inject
    ViewCounter counter;

    @Inject
    CollapsedEndpoints endpoints;

    @Inject
    FlightGroups groups;

    @Test
    void aBurstOfFeedReadersSharesOneRenderingOfAValidAtomFeed() throws Exception {
        Runs runs = new Runs("FeedResource#feed");

        List<HttpResponse<byte[]>> responses = burst(feed, 20);

        runs.assertOne();
        assertThat(responses.stream().filter(r -> r.headers().allValues("Cache-Status").stream()
                .anyMatch(v -> v.endsWith("; collapsed")))).hasSize(19);
        byte[] body = responses.get(0).body();
        assertThat(responses).allSatisfy(r -> assertThat(r.body()).isEqualTo(body));
        assertThat(responses.get(0).headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/atom+xml");

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document atom = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        Element root = atom.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(root.getLocalName()).isEqualTo("feed");
        for (String required : List.of("id", "title", "updated", "author")) {
            assertThat(root.getElementsByTagNameNS(ATOM, required).getLength()).as(required).isPositive();
        }
        NodeList entries = root.getElementsByTagNameNS(ATOM, "entry");
        assertThat(entries.getLength()).isPositive();
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            for (String required : List.of("id", "title", "updated")) {
                assertThat(entry.getElementsByTagNameNS(ATOM, required).getLength()).as(required).isEqualTo(1);
            }
            String updated = entry.getElementsByTagNameNS(ATOM, "updated").item(0).getTextContent();
            assertThat(java.time.OffsetDateTime.parse(updated)).isNotNull();
        }
    }

    @Test
    void fiftyAnonymousReadersOfAPostRunTheHandlerOnceAndCountFiftyViews() throws Exception {
        long recordedBefore = counter.stats().recorded();
        Runs runs = new Runs("BlogPages#post");
        FlightGroup metadata = groups.group("post-metadata").orElseThrow();
        long metadataCallsBefore = metadata.calls();

        List<HttpResponse<byte[]>> responses = burst(post, 50);

        runs.assertOne();
        assertThat(metadata.calls() - metadataCallsBefore).as("the handler's post-metadata calls: one per run")
                .isEqualTo(1);
        long collapsed = responses.stream().filter(r -> r.headers().allValues("Cache-Status").stream()
                .anyMatch(v -> v.endsWith("; collapsed"))).count();
        assertThat(collapsed).as("followers answered from the leader's rendering").isEqualTo(49);
        assertThat(counter.stats().recorded() - recordedBefore).as("every reader's view counts").isEqualTo(50);
    }

    /** The handler runs of one endpoint as its counters tell them: leaders, ran anew, bypassed. */
    private final class Runs {

        private final String method;
        private final long before;

        Runs(String method) {
            this.method = method;
            this.before = endpoints.all().containsKey(name(method)) ? runs() : 0;
        }

        private String name(String method) {
            return "io.github.coalesce.sample." + method;
        }

        private long runs() {
            CollapsedEndpoint counts = endpoints.all().get(name(method));
            assertThat(counts).as("counters of %s among %s", method, endpoints.all().keySet()).isNotNull();
            return counts.leaders() + sum(counts.ranAnew()) + sum(counts.bypassed());
        }

        private static long sum(java.util.Map<String, Long> byReason) {
            return byReason.values().stream().mapToLong(Long::longValue).sum();
        }

        void assertOne() {
            CollapsedEndpoint counts = endpoints.all().get(name(method));
            assertThat(runs() - before).as("runs of %s's handler (ran anew %s, bypassed %s)", method,
                    counts == null ? null : counts.ranAnew(), counts == null ? null : counts.bypassed()).isEqualTo(1);
        }
    }

    private static List<HttpResponse<byte[]>> burst(URI uri, int requests) throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> pending = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            pending.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        List<HttpResponse<byte[]>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<byte[]>> response : pending) {
            HttpResponse<byte[]> done = response.get(30, TimeUnit.SECONDS);
            assertThat(done.statusCode()).isEqualTo(200);
            responses.add(done);
        }
        return responses;
    }
}
