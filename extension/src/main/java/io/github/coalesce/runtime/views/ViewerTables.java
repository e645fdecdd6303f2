package io.github.coalesce.runtime.views;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Where the viewer relation goes.
 *
 * @param table the relation, one row per (id, viewer): {@code (<idColumn>, viewer, first_seen, last_seen,
 *        last_counted, views)} with primary key {@code (<idColumn>, viewer)}
 * @param idColumn the relation's column holding the counted row's id, e.g. {@code post_id}
 * @param uniqueColumn the column of the counted table that holds the number of distinct viewers, or {@code null}
 * @param dailyTable the per-day buckets {@code (<idColumn>, day, views)} with primary key {@code (<idColumn>, day)},
 *        or {@code null}
 * @param zone the time zone whose calendar days the buckets are
 */
public record ViewerTables(String table, String idColumn, String uniqueColumn, String dailyTable, ZoneId zone) {

    public ViewerTables {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(idColumn, "idColumn");
        Objects.requireNonNull(zone, "zone");
    }
}
