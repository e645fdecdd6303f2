package io.github.coalesce.runtime.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewCounterStats;
import io.github.coalesce.ViewCounterStats.DropReason;
import io.github.coalesce.ViewerFilter;

/** The options builder, its one validation, the property names derived from the mapping, the stats snapshot. */
class ViewCounterOptionsTest {

    @Test
    void theBuilderStartsFromTheDocumentedDefaultsAndRoundTrips() {
        ViewCounterOptions defaults = ViewCounterOptions.defaults("posts");
        assertThat(defaults).isEqualTo(new ViewCounterOptions("posts", Duration.ofSeconds(1), 500, 4, 100_000,
                Duration.ofMinutes(10), 100_000, true, null, 3, Duration.ofMillis(100), null));
        ViewCounterOptions changed = defaults.toBuilder().batchSize(10).cooldown(Duration.ZERO).build();
        assertThat(changed.batchSize()).isEqualTo(10);
        assertThat(changed.cooldown()).isZero();
        assertThat(changed.toBuilder().build()).isEqualTo(changed);
    }

    @Test
    void anInvalidOptionIsNamedFirstInTheMessage() {
        assertThatThrownBy(() -> ViewCounterOptions.builder("x").batchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize must be at least 1, but is 0");
        assertThatThrownBy(() -> ViewCounterOptions.builder("x").flushInterval(Duration.ZERO).build())
                .hasMessageStartingWith("flushInterval must be positive");
        assertThatThrownBy(() -> ViewCounterOptions.builder("x").cooldown(Duration.ofSeconds(-1)).build())
                .hasMessageStartingWith("cooldown must not be negative");
        assertThatThrownBy(() -> ViewCounterOptions.builder("x").maxRetries(-1).build())
                .hasMessageStartingWith("maxRetries must be at least 0");
    }

    /**
     * Every option but the name is a property of the config mapping, under the name the extension reports; but the
     * viewer filter, which is a bean (or the built-in filter as {@code bots.*} configure it).
     */
    @Test
    void everyOptionHasTheCounterPropertyItsErrorNames() {
        for (Method option : ViewCounterOptions.Builder.class.getDeclaredMethods()) {
            if (option.getParameterCount() == 1 && option.getParameterTypes()[0] != ViewerFilter.class) {
                assertThat(CounterProperties.names()).contains(CounterProperties.kebab(option.getName()));
            }
        }
        assertThat(CounterProperties.names()).contains("enabled", "table", "id-column", "count-column",
                "flush-interval", "batch-size", "max-concurrent-flushes", "max-pending-keys", "cooldown",
                "max-cooldown-entries", "bot-filter", "max-retries", "retry-delay", "statement-timeout",
                "datasource", "ledger-table", "spill-file", "shutdown-timeout", "viewers", "bots").hasSize(20);
        assertThat(CounterProperties.prefix(ViewCountersConfig.DEFAULT)).isEqualTo("quarkus.coalesce.view-counter.");
        assertThat(CounterProperties.prefix("pages")).isEqualTo("quarkus.coalesce.view-counter.\"pages\".");
    }

    @Test
    void aStatsSnapshotDoesNotChangeWhenTheCounterDoes() {
        ViewCounter counter = ViewCounter.builder(ViewCounterOptions.builder("snapshot")
                .flushInterval(Duration.ofHours(1)).build()).writer(batch -> {
                    throw new IllegalStateException("not flushed in this test");
                }).build();
        try {
            counter.record(1);
            ViewCounterStats before = counter.stats();
            counter.record(2);
            assertThat(before.recorded()).isEqualTo(1);
            assertThat(before.pendingIds()).isEqualTo(1);
            assertThat(counter.stats().recorded()).isEqualTo(2);
            assertThat(counter.stats().pendingIds()).isEqualTo(2);
            assertThat(before.dropped()).containsOnlyKeys(DropReason.values());
            assertThatThrownBy(() -> before.dropped().put(DropReason.MISSING_ROW, 1L))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(before.lastFlushTime()).isEmpty();
        } finally {
            counter.close(Duration.ofMillis(100));
        }
        ViewCounterStats none = ViewCounterStats.none();
        assertThat(none.dropped()).isEqualTo(Map.of(DropReason.PENDING_FULL, 0L, DropReason.MISSING_ROW, 0L,
                DropReason.PAIRS_FULL, 0L));
    }
}
