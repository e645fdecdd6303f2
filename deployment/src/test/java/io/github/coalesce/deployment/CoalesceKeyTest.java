package io.github.coalesce.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.CoalesceKeyGenerator;
import io.github.coalesce.FlightGroups;
import io.quarkus.test.QuarkusUnitTest;

/** Keys from a generator bean, class-level {@code @Coalesce}, and groups shared by name. */
class CoalesceKeyTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Links.class, HostOnly.class, Gated.class, Concurrently.class));

    @Inject
    Links links;

    @Inject
    FlightGroups groups;

    Concurrently callers;

    @BeforeEach
    void setUp() {
        callers = new Concurrently();
        links.reset();
    }

    @AfterEach
    void tearDown() {
        links.release();
        callers.close();
    }

    @Test
    void aKeyGeneratorBeanDecidesWhichCallsShare() throws Exception {
        List<Future<String>> a = callers.start(3, () -> links.preview("https://example.org/a?utm=1"));
        List<Future<String>> b = callers.start(3, () -> links.preview("https://example.org/b?utm=2"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> groups.group(Links.class.getName()
                + "#preview(java.lang.String)").orElseThrow().joined() == 5);
        links.release();
        assertThat(Concurrently.results(a)).containsOnly("preview of https://example.org/a?utm=1");
        assertThat(Concurrently.results(b)).containsOnly("preview of https://example.org/a?utm=1");
        assertThat(links.executions()).as("same host, one execution").isEqualTo(1);
    }

    @Test
    void methodsNamingTheSameGroupShareFlightsAndClassLevelCoversTheRest() throws Exception {
        List<Future<String>> byTitle = callers.start(2, () -> links.title(11));
        List<Future<String>> bySlug = callers.start(2, () -> links.titleAgain(11));
        await().atMost(5, TimeUnit.SECONDS).until(() -> groups.group("titles").orElseThrow().joined() == 3);
        links.release();
        assertThat(Concurrently.results(byTitle)).hasSize(2).containsOnly(Concurrently.results(bySlug).get(0));
        assertThat(links.executions()).isEqualTo(1);
    }

    @Test
    void classLevelCoalesceCoversMethodsWithAResultAndLeavesVoidOnesAlone() throws Exception {
        List<Future<String>> labels = callers.start(4, () -> links.label(3));
        await().atMost(5, TimeUnit.SECONDS).until(() -> groups.group(Links.class.getName()
                + "#label(long)").orElseThrow().joined() == 3);
        links.release(); // void: passes through, or this call would wait for itself
        assertThat(Concurrently.results(labels)).containsOnly("label 3");
        assertThat(links.executions()).isEqualTo(1);
    }

    @ApplicationScoped
    public static class HostOnly implements CoalesceKeyGenerator {
        @Override
        public Object generate(Method method, Object... arguments) {
            return java.net.URI.create((String) arguments[0]).getHost();
        }
    }

    /** Class-level: every business method is coalesced; {@code title*} share the group "titles". */
    @ApplicationScoped
    @Coalesce
    static class Links extends Gated {

        @Coalesce(keyGenerator = HostOnly.class)
        String preview(String url) throws InterruptedException {
            return run("preview of " + url);
        }

        @Coalesce(name = "titles")
        String title(long id) throws InterruptedException {
            return run("title " + id + " from title()");
        }

        @Coalesce(name = "titles")
        String titleAgain(long id) throws InterruptedException {
            return run("title " + id + " from titleAgain()");
        }

        /** Not annotated itself: covered by the class-level annotation. */
        String label(long id) throws InterruptedException {
            return run("label " + id);
        }

        private String run(String value) throws InterruptedException {
            pass();
            return value;
        }
    }
}
