package io.github.coalesce;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Who viewed what, for a counter built in plain Java with {@link ViewCounterBuilder#viewerRelation(ViewerRelation)}
 * (a Quarkus application sets {@code quarkus.coalesce.view-counter.viewers.*} instead). With it, every flush also
 * upserts one row per (id, viewer) pair, decides in the database whether a view counts (so that instances share one
 * cooldown), and keeps the unique-viewer column and the daily buckets in step, all in the chunk's one transaction
 * (one statement; a second when another instance wrote a pair's first row meanwhile).
 * The application's migrations create the tables; {@link ViewCounterBuilder#build()} checks them.
 *
 * @param table the relation, {@code (<idColumn>, viewer text, first_seen timestamptz, last_seen timestamptz,
 *        last_counted timestamptz, views bigint)} with primary key {@code (<idColumn>, viewer)}
 * @param idColumn the relation's (and the daily table's) column holding the counted row's id
 * @param uniqueColumn the counted table's column of distinct viewers per row, or {@code null} for none
 * @param dailyTable the per-day buckets {@code (<idColumn>, day date, views bigint)} with primary key
 *        {@code (<idColumn>, day)}, or {@code null} for none
 * @param zone the time zone whose calendar days the buckets are
 * @param secret the key of the HMAC-SHA-256 that replaces every viewer before it is stored, at least 16 characters
 * @param storePrincipals whether authenticated viewers ({@link Viewers#signedIn(String)}, {@code user:<name>}) are
 *        stored as they are, not hashed, so that the application can find a reader's rows
 */
public record ViewerRelation(String table, String idColumn, String uniqueColumn, String dailyTable, ZoneId zone,
        String secret, boolean storePrincipals) {

    public ViewerRelation {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(idColumn, "idColumn");
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * @param table the relation table
     * @param secret the HMAC key, at least 16 characters
     * @return a relation keyed by {@code post_id}, with no unique-viewer column, no daily buckets, days in UTC and
     *         every viewer hashed
     */
    public static ViewerRelation of(String table, String secret) {
        return new ViewerRelation(table, "post_id", null, null, ZoneOffset.UTC, secret, false);
    }

    /**
     * @param idColumn the relation's column holding the counted row's id
     * @return a copy with that column
     */
    public ViewerRelation withIdColumn(String idColumn) {
        return new ViewerRelation(table, idColumn, uniqueColumn, dailyTable, zone, secret, storePrincipals);
    }

    /**
     * @param uniqueColumn the counted table's column of distinct viewers
     * @return a copy that keeps that column in step
     */
    public ViewerRelation withUniqueColumn(String uniqueColumn) {
        return new ViewerRelation(table, idColumn, uniqueColumn, dailyTable, zone, secret, storePrincipals);
    }

    /**
     * @param dailyTable the per-day buckets
     * @param zone the time zone whose calendar days they are
     * @return a copy that keeps those buckets in step
     */
    public ViewerRelation withDailyTable(String dailyTable, ZoneId zone) {
        return new ViewerRelation(table, idColumn, uniqueColumn, dailyTable, zone, secret, storePrincipals);
    }

    /**
     * @return a copy that stores authenticated viewers by principal name
     */
    public ViewerRelation storingPrincipals() {
        return new ViewerRelation(table, idColumn, uniqueColumn, dailyTable, zone, secret, true);
    }

    /** Leaves the secret out, so that logging the relation does not log its key. */
    @Override
    public String toString() {
        return "ViewerRelation[table=" + table + ", idColumn=" + idColumn + ", uniqueColumn=" + uniqueColumn
                + ", dailyTable=" + dailyTable + ", zone=" + zone + ", storePrincipals=" + storePrincipals + "]";
    }
}
