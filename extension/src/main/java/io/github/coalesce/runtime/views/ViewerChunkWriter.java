package io.github.coalesce.runtime.views;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.coalesce.ViewWriter;

/**
 * Writes a chunk of (id, viewer) pairs with the viewer relation on, in ONE statement (one round trip, one
 * transaction): the ledger row of its flush id, then — only when that row is new — for every pair whether its views
 * count, the relation rows, the count column, the unique-viewer column and the daily buckets.
 * <p>
 * Whether a view counts is decided in that statement, not in the JVM: the pairs' relation rows are locked in key
 * order, and a pair counts when its last counted view is older than the cooldown (a new pair always counts). So
 * instances behind a round-robin balancer count a reader once per cooldown, and since the count column is increased
 * by exactly what the relation rows were, the two never disagree. A pair whose first row another instance inserts
 * while this statement runs is not applied here: its index comes back, and the engine puts it back for the next flush,
 * when its row exists and the cooldown decides. Pairs of ids with no row in the counted table come back as missing.
 */
public final class ViewerChunkWriter implements ViewWriter {

    /**
     * What the relation's part of a committed statement did.
     *
     * @param pairs pairs applied (with a viewer)
     * @param rejected views the database-side cooldown did not count
     * @param uniques new (id, viewer) rows, that is, new unique viewers
     * @param deferred indexes into the chunk of pairs to write again with the next flush
     */
    public record RelationWritten(long pairs, long rejected, long uniques, int[] deferred) {
    }

    private final DataSource dataSource;
    private final String counter;
    private final String write;
    private final int timeoutSeconds;

    /**
     * @param table the counted table, e.g. {@code post}
     * @param idColumn its key column
     * @param countColumn its column increased by the views that count
     * @param ledgerTable the ledger of applied flush ids, shared with the plain counter
     * @param counter the counter's name, stored in the ledger
     * @param cooldown how long after a counted view the same viewer's views of the same id do not count; zero counts
     *        every view (the relation then only records who viewed what)
     */
    public ViewerChunkWriter(DataSource dataSource, String table, String idColumn, String countColumn,
            String ledgerTable, String counter, Duration statementTimeout, ViewerTables viewers, Duration cooldown) {
        this.dataSource = dataSource;
        this.counter = counter;
        this.timeoutSeconds = (int) Math.max(1, statementTimeout.toSeconds());
        this.write = statement(JdbcChunkWriter.identifier(table, "table"),
                JdbcChunkWriter.identifier(idColumn, "id-column"),
                JdbcChunkWriter.identifier(countColumn, "count-column"),
                JdbcChunkWriter.identifier(ledgerTable, "ledger-table"), viewers, cooldown.toNanos() / 1000);
    }

    private static String statement(String t, String id, String count, String ledger, ViewerTables viewers,
            long cooldownMicros) {
        String r = JdbcChunkWriter.identifier(viewers.table(), "viewers.table");
        String rid = JdbcChunkWriter.identifier(viewers.idColumn(), "viewers.id-column");
        String unique = viewers.uniqueColumn() == null ? null
                : JdbcChunkWriter.identifier(viewers.uniqueColumn(), "viewers.unique-column");
        // A view counts when its pair's last counted view is at least the cooldown older; of several views of one
        // pair in one flush, at most one per cooldown of the span between the first and the last.
        String counted = cooldownMicros == 0 ? "v.n"
                : "CASE WHEN v.viewer IS NULL THEN v.n ELSE least(v.n, (v.l - v.f) / " + cooldownMicros
                        + " + CASE WHEN l.id IS NULL OR l.last_counted <= v.first_at - " + cooldownMicros
                        + " * interval '1 microsecond' THEN 1 ELSE 0 END) END";
        StringBuilder sql = new StringBuilder()
                .append("WITH ledger AS (INSERT INTO ").append(ledger).append(" (flush_id, counter) VALUES (?, ?)")
                .append(" ON CONFLICT (flush_id) DO NOTHING RETURNING flush_id),")
                // Each distinct id of the chunk is looked up in the counted table once: the pairs of the known ones
                // are written, the others come back as missing.
                .append(" ids AS MATERIALIZED (SELECT k.id, EXISTS (SELECT FROM ").append(t).append(" AS t WHERE t.")
                .append(id).append(" = k.id) AS known FROM (SELECT DISTINCT id FROM unnest(?::bigint[]) AS k(id)) AS k")
                .append(" WHERE EXISTS (SELECT FROM ledger)),")
                .append(" v AS MATERIALIZED (SELECT u.i, u.id, u.viewer, u.n, u.f, u.l,")
                .append(" timestamptz 'epoch' + u.f * interval '1 microsecond' AS first_at,")
                .append(" timestamptz 'epoch' + u.l * interval '1 microsecond' AS last_at")
                .append(" FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])")
                .append(" WITH ORDINALITY AS u(id, viewer, n, f, l, i) JOIN ids AS k ON k.id = u.id AND k.known),")
                // Locked in key order: concurrent chunks of other instances wait here instead of deadlocking, and
                // the locked rows are the latest committed versions, which the cooldown is decided on.
                .append(" locked AS MATERIALIZED (SELECT r.").append(rid).append(" AS id, r.viewer, r.last_counted")
                .append(" FROM ").append(r).append(" AS r JOIN v ON r.").append(rid).append(" = v.id")
                .append(" AND r.viewer = v.viewer ORDER BY r.").append(rid).append(", r.viewer FOR UPDATE OF r),")
                .append(" decided AS MATERIALIZED (SELECT v.*, l.id IS NOT NULL AS existed, ").append(counted)
                .append(" AS counted FROM v LEFT JOIN locked AS l ON l.id = v.id AND l.viewer = v.viewer),")
                .append(" updated AS (UPDATE ").append(r).append(" AS r SET last_seen = greatest(r.last_seen,")
                .append(" d.last_at), views = r.views + d.counted, last_counted = CASE WHEN d.counted > 0 THEN")
                .append(" greatest(r.last_counted, d.last_at) ELSE r.last_counted END FROM decided AS d")
                .append(" WHERE d.existed AND r.").append(rid).append(" = d.id AND r.viewer = d.viewer")
                .append(" RETURNING r.").append(rid).append("),")
                .append(" inserted AS (INSERT INTO ").append(r).append(" (").append(rid)
                .append(", viewer, first_seen, last_seen, last_counted, views)")
                .append(" SELECT id, viewer, first_at, last_at, last_at, counted FROM decided")
                .append(" WHERE NOT existed AND viewer IS NOT NULL ORDER BY id, viewer")
                .append(" ON CONFLICT (").append(rid).append(", viewer) DO NOTHING RETURNING ").append(rid)
                .append(" AS id, viewer),")
                .append(" applied AS MATERIALIZED (SELECT d.*, NOT d.existed AND d.viewer IS NOT NULL AS fresh")
                .append(" FROM decided AS d WHERE d.viewer IS NULL OR d.existed")
                .append(" OR EXISTS (SELECT FROM inserted AS i WHERE i.id = d.id AND i.viewer = d.viewer)),")
                .append(" per_id AS (SELECT id, sum(counted) AS views, count(*) FILTER (WHERE fresh) AS fresh")
                .append(" FROM applied GROUP BY id),")
                .append(" counter AS (UPDATE ").append(t).append(" AS t SET ").append(count).append(" = t.")
                .append(count).append(" + p.views");
        if (unique != null) {
            sql.append(", ").append(unique).append(" = t.").append(unique).append(" + p.fresh");
        }
        sql.append(" FROM per_id AS p WHERE t.").append(id).append(" = p.id AND (p.views > 0 OR p.fresh > 0)")
                .append(" RETURNING t.").append(id).append(")");
        if (viewers.dailyTable() != null) {
            String daily = JdbcChunkWriter.identifier(viewers.dailyTable(), "viewers.daily-table");
            sql.append(", daily AS (INSERT INTO ").append(daily).append(" AS b (").append(rid)
                    .append(", day, views) SELECT id, (first_at AT TIME ZONE '").append(viewers.zone().getId())
                    .append("')::date, sum(counted) FROM applied WHERE counted > 0 GROUP BY 1, 2 ORDER BY 1, 2")
                    .append(" ON CONFLICT (").append(rid).append(", day) DO UPDATE SET views = b.views")
                    .append(" + excluded.views)");
        }
        sql.append(" SELECT EXISTS (SELECT FROM ledger), (SELECT count(*) FROM counter),")
                .append(" (SELECT count(*) FROM applied WHERE viewer IS NOT NULL),")
                .append(" (SELECT coalesce(sum(n - counted), 0) FROM applied),")
                .append(" (SELECT count(*) FROM applied WHERE fresh),")
                .append(" ARRAY(SELECT i FROM decided AS d WHERE NOT existed AND viewer IS NOT NULL AND NOT EXISTS")
                .append(" (SELECT FROM inserted AS i WHERE i.id = d.id AND i.viewer = d.viewer) ORDER BY i),")
                .append(" CASE WHEN EXISTS (SELECT FROM ledger) THEN ARRAY(SELECT id FROM ids WHERE NOT known) END");
        return sql.toString();
    }

    /** @return the statement, for tests and the documentation */
    public String sql() {
        return write;
    }

    /**
     * Writes a chunk of pairs; what the relation's part did is left in the chunk's {@link ViewerPairs.Columns#outcome}.
     *
     * @param batch a {@link Chunk} with {@link Chunk#pairs() pairs}
     * @return what the counter's part did
     * @throws SQLException when the statement did not commit, or its outcome is unknown: the chunk is retried as is
     */
    @Override
    public Written write(Batch batch) throws SQLException {
        if (!(batch instanceof Chunk chunk) || chunk.pairs() == null) {
            throw new IllegalArgumentException("The viewer relation writes chunks of (id, viewer) pairs only");
        }
        ViewerPairs.Columns pairs = chunk.pairs();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(write)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setObject(1, chunk.flushId());
            statement.setString(2, counter);
            statement.setObject(3, chunk.ids());
            statement.setObject(4, chunk.ids());
            statement.setArray(5, connection.createArrayOf("text", pairs.viewers()));
            statement.setObject(6, chunk.counts());
            statement.setObject(7, pairs.firstMicros());
            statement.setObject(8, pairs.lastMicros());
            return JdbcChunkWriter.commitOnce(connection, timeoutSeconds, () -> read(statement, pairs));
        }
    }

    private static Written read(PreparedStatement statement, ViewerPairs.Columns pairs) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            result.next();
            if (!result.getBoolean(1)) {
                return new Written(true, 0, new long[0]);
            }
            Object[] deferred = (Object[]) result.getArray(6).getArray();
            int[] indexes = new int[deferred.length];
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = ((Number) deferred[i]).intValue() - 1;
            }
            pairs.outcome().set(new RelationWritten(result.getLong(3), result.getLong(4), result.getLong(5), indexes));
            return new Written(false, result.getInt(2), JdbcChunkWriter.missingIds(result.getArray(7)));
        }
    }

}
