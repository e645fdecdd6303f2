package io.github.coalesce.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.Coalesce;
import io.github.coalesce.FlightGroup;
import io.github.coalesce.FlightGroups;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;

/** The read-only flight groups: what the build found, from start; a mistyped name finds nothing and creates nothing. */
class FlightGroupsTest {

    static final String LOOKUP = Lookups.class.getName() + "#lookup(long)";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Lookups.class));

    @Inject
    FlightGroups groups;

    @Inject
    Lookups lookups;

    @Inject
    MeterRegistry registry;

    @Test
    void everyGroupTheBuildFoundIsListedBeforeAnyCallWithItsMeters() {
        assertThat(groups.all()).extracting(FlightGroup::name).containsExactly(LOOKUP, "titles");
        assertThat(registry.find("coalesce.calls").tag("method", "titles").functionCounter()).isNotNull();
        assertThat(registry.find("coalesce.fan.in").tag("method", LOOKUP).summary()).isNotNull();
    }

    @Test
    void aGroupCountsItsCallsLive() {
        FlightGroup titles = groups.group("titles").orElseThrow();
        long before = titles.calls();
        lookups.title(1);
        lookups.title(2);
        assertThat(titles.calls() - before).isEqualTo(2);
        assertThat(titles.executions()).isGreaterThanOrEqualTo(2);
        assertThat(titles.maxFanIn()).isGreaterThanOrEqualTo(1);
        assertThat(titles.inFlight()).isZero();
        assertThat(titles.failures()).isZero();
    }

    @Test
    void anUnknownNameIsEmptyAndCreatesNoGroupAndNoMeter() {
        assertThat(groups.group("titels")).isEmpty();
        assertThat(groups.group(Lookups.class.getName() + "#lookup(int)")).isEmpty();
        assertThat(groups.all()).extracting(FlightGroup::name).containsExactly(LOOKUP, "titles");
        assertThat(registry.find("coalesce.calls").tag("method", "titels").meters()).isEmpty();
        assertThat(registry.find("coalesce.fan.in").tag("method", "titels").meters()).isEmpty();
    }

    @ApplicationScoped
    public static class Lookups {

        @Coalesce
        public String lookup(long id) {
            return "post " + id;
        }

        @Coalesce(name = "titles")
        public String title(long id) {
            return "title " + id;
        }
    }
}
