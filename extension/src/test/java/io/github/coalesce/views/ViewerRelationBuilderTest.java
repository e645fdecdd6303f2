package io.github.coalesce.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounter.Viewer;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewWriter;
import io.github.coalesce.ViewerRelation;
import io.github.coalesce.testsupport.TestPostgres;

/** The viewer relation through the public plain-Java builder only, against a real PostgreSQL. */
class ViewerRelationBuilderTest {

    private static final DataSource DATABASE = TestPostgres.dataSource();
    private static final String SECRET = "a-test-secret-of-enough-length";

    private final List<ViewCounter> counters = new ArrayList<>();
    private final ThreadLocal<Viewer> current = new ThreadLocal<>();
    private RelationTables tables;

    @BeforeEach
    void setUp() {
        tables = RelationTables.create(DATABASE, "builder");
    }

    @AfterEach
    void tearDown() {
        counters.forEach(counter -> counter.close(Duration.ofSeconds(1)));
        tables.drop(DATABASE);
    }

    @Test
    void twoBuiltInstancesShareTheDatabaseCooldownAndKeepUniquesAndBuckets() throws Exception {
        ViewCounter first = build(relation());
        ViewCounter second = build(relation());
        view(first, 5, "address:203.0.113.9");
        view(second, 5, "address:203.0.113.9");
        view(second, 5, "address:198.51.100.4");
        flush(first);
        flush(second);

        assertThat(tables.views(DATABASE, 5)).isEqualTo(2);
        assertThat(tables.uniques(DATABASE, 5)).isEqualTo(2);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT sum(views) FROM " + tables.daily())).isEqualTo(2);
        assertThat(TestPostgres.queryLong(DATABASE, "SELECT count(*) FROM " + tables.relation()
                + " WHERE viewer LIKE 'h:%'")).isEqualTo(2);
        assertThat(second.stats().viewers().rejectedByDatabaseCooldown()).isEqualTo(1);
    }

    @Test
    void aCustomWriterSeesOneEntryPerPairWithTheHashedViewer() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        ViewWriter capture = batch -> {
            for (int i = 0; i < batch.ids().length; i++) {
                seen.add(batch.ids()[i] + "=" + batch.viewers()[i]);
            }
            return ViewWriter.Written.all(batch);
        };
        ViewCounter counter = track(ViewCounter.builder(options()).writer(capture).viewers(current::get)
                .viewerRelation(ViewerRelation.of("unused", SECRET)).build());
        view(counter, 3, "address:203.0.113.9");
        view(counter, 3, "address:198.51.100.4");
        flush(counter);

        assertThat(seen).hasSize(2).allSatisfy(entry -> assertThat(entry).startsWith("3=h:")
                .doesNotContain("203.0.113.9").doesNotContain("198.51.100.4"));
    }

    @Test
    void aMissingRelationTableOrAShortSecretIsAClearErrorAtBuild() {
        assertThatThrownBy(() -> build(ViewerRelation.of("no_such_relation", SECRET)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no_such_relation");
        assertThatThrownBy(() -> build(ViewerRelation.of(tables.relation(), "short")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ViewerRelation.secret must be at least 16");
        assertThatThrownBy(() -> build(ViewerRelation.of("post; DROP TABLE x", SECRET)))
                .hasMessageContaining("post; DROP TABLE x");
    }

    @Test
    void theRelationsTextLeavesTheSecretOut() {
        assertThat(relation().toString()).contains(tables.relation()).doesNotContain(SECRET);
    }

    private ViewerRelation relation() {
        return ViewerRelation.of(tables.relation(), SECRET).withUniqueColumn("unique_viewers")
                .withDailyTable(tables.daily(), ZoneOffset.UTC);
    }

    private ViewCounter build(ViewerRelation relation) {
        return track(ViewCounter.builder(options()).dataSource(DATABASE).table(tables.post())
                .viewerRelation(relation).viewers(current::get).build());
    }

    private ViewCounter track(ViewCounter counter) {
        counters.add(counter);
        return counter;
    }

    private static ViewCounterOptions options() {
        return ViewCounterOptions.builder("builder-test").flushInterval(Duration.ofHours(1))
                .cooldown(Duration.ofMinutes(10)).spillFile(null).build();
    }

    private void view(ViewCounter counter, long id, String viewer) {
        current.set(new Viewer(viewer, "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"));
        try {
            counter.record(id);
        } finally {
            current.remove();
        }
    }

    private static void flush(ViewCounter counter) throws Exception {
        counter.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
