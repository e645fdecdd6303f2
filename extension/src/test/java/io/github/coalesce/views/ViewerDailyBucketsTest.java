package io.github.coalesce.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.coalesce.runtime.views.Chunk;
import io.github.coalesce.runtime.views.ViewerChunkWriter;
import io.github.coalesce.runtime.views.ViewerPairs;
import io.github.coalesce.runtime.views.ViewerTables;
import io.github.coalesce.testsupport.TestPostgres;

/**
 * The daily buckets are calendar days of the configured time zone, whatever the database server's own zone: a view
 * late on a UTC day is already the next day in Tokyo, and one early on a UTC day is still the day before in New York.
 */
class ViewerDailyBucketsTest {

    private static final DataSource DATABASE = TestPostgres.dataSource();
    /** 2026-03-14 23:30 UTC: 2026-03-15 08:30 in Tokyo. */
    private static final Instant LATE_UTC = Instant.parse("2026-03-14T23:30:00Z");
    /** 2026-03-15 02:00 UTC: 2026-03-14 22:00 in New York (daylight saving time already). */
    private static final Instant EARLY_UTC = Instant.parse("2026-03-15T02:00:00Z");

    private RelationTables tables;

    @BeforeEach
    void setUp() throws SQLException {
        tables = RelationTables.create(DATABASE, "buckets");
        tables.createLedger(DATABASE);
    }

    @AfterEach
    void tearDown() {
        tables.drop(DATABASE);
    }

    @Test
    void aViewGoesToTheCalendarDayOfTheConfiguredZone() throws SQLException {
        write(ZoneOffset.UTC, 1, LATE_UTC);
        write(ZoneId.of("Asia/Tokyo"), 2, LATE_UTC);
        write(ZoneOffset.UTC, 3, EARLY_UTC);
        write(ZoneId.of("America/New_York"), 4, EARLY_UTC);
        assertThat(day(1)).isEqualTo("2026-03-14");
        assertThat(day(2)).isEqualTo("2026-03-15");
        assertThat(day(3)).isEqualTo("2026-03-15");
        assertThat(day(4)).isEqualTo("2026-03-14");
    }

    private void write(ZoneId zone, long id, Instant viewedAt) throws SQLException {
        long micros = viewedAt.getEpochSecond() * 1_000_000;
        ViewerChunkWriter writer = new ViewerChunkWriter(DATABASE, tables.post(), "id", "views",
                "coalesce_view_flush", "test", Duration.ofSeconds(10),
                new ViewerTables(tables.relation(), "post_id", "unique_viewers", tables.daily(), zone),
                Duration.ofMinutes(10));
        writer.write(new Chunk(UUID.randomUUID(), new long[] { id }, new long[] { 1 },
                new ViewerPairs.Columns(new String[] { "h:reader" }, new long[] { micros }, new long[] { micros })));
    }

    private String day(long id) {
        return TestPostgres.queryString(DATABASE, "SELECT day::text FROM " + tables.daily() + " WHERE post_id = " + id);
    }
}
