package io.github.coalesce.runtime.views;

/**
 * The SQL of {@link ViewerChunkWriter}: one {@code WITH} of data-modifying queries over the chunk's {@code unnest(…)}
 * arrays. Its parameters, in order: the ledger query's two (flush id, counter name), then the pairs' ids, stored
 * viewers, view counts, first and last view times (epoch microseconds). It returns one row: whether the ledger row
 * was new (else nothing was applied), the ids of the counted rows updated, the pairs applied, the views the cooldown rejected,
 * the new unique viewers, the 1-based indexes of pairs to decide again and the ids with no counted row.
 */
final class ViewerStatement {

    private final String table;
    private final String id;
    private final String count;
    private final ViewerTables viewers;
    private final long cooldownMicros;

    /** Identifiers already checked by {@link JdbcChunkWriter#identifier}. */
    ViewerStatement(String table, String id, String count, ViewerTables viewers, long cooldownMicros) {
        this.table = table;
        this.id = id;
        this.count = count;
        this.viewers = viewers;
        this.cooldownMicros = cooldownMicros;
    }

    /**
     * @param ledger a query with two parameters that returns one row when the chunk is to be applied, none when it
     *        was applied already
     */
    String sql(String ledger) {
        String t = table;
        String r = JdbcChunkWriter.identifier(viewers.table(), "viewers.table");
        String rid = JdbcChunkWriter.identifier(viewers.idColumn(), "viewers.id-column");
        // A view counts when its pair's last counted view is at least the cooldown older; of several views of one
        // pair in one chunk, at most one per cooldown of the span between the first and the last.
        String counted = cooldownMicros == 0 ? "v.n"
                : "CASE WHEN v.viewer IS NULL THEN v.n ELSE least(v.n, (v.l - v.f) / " + cooldownMicros
                        + " + CASE WHEN l.id IS NULL OR l.last_counted <= v.first_at - " + cooldownMicros
                        + " * interval '1 microsecond' THEN 1 ELSE 0 END) END";
        StringBuilder sql = new StringBuilder().append("WITH ledger AS (").append(ledger).append("),")
                .append(" u AS MATERIALIZED (SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[],")
                .append(" ?::bigint[]) WITH ORDINALITY AS u(id, viewer, n, f, l, i) WHERE EXISTS (SELECT FROM ledger)),")
                // The chunk's counted rows, locked in id order: a chunk of another instance with some of the same ids
                // waits here for this one's commit, before it has locked anything else, so the two cannot deadlock.
                .append(" ids AS MATERIALIZED (SELECT t.").append(id).append(" AS id FROM ").append(t)
                .append(" AS t WHERE t.").append(id).append(" IN (SELECT id FROM u) ORDER BY t.").append(id)
                .append(" FOR NO KEY UPDATE OF t),")
                .append(" v AS MATERIALIZED (SELECT u.i, u.id, u.viewer, u.n, u.f, u.l,")
                .append(" timestamptz 'epoch' + u.f * interval '1 microsecond' AS first_at,")
                .append(" timestamptz 'epoch' + u.l * interval '1 microsecond' AS last_at")
                .append(" FROM u WHERE u.id IN (SELECT id FROM ids)),")
                // Locked in key order, and the locked versions are the latest committed ones: the cooldown is
                // decided on them.
                .append(" locked AS MATERIALIZED (SELECT r.").append(rid).append(" AS id, r.viewer, r.last_counted")
                .append(" FROM ").append(r).append(" AS r JOIN v ON r.").append(rid).append(" = v.id")
                .append(" AND r.viewer = v.viewer ORDER BY r.").append(rid).append(", r.viewer FOR UPDATE OF r),")
                .append(" decided AS MATERIALIZED (SELECT v.*, l.id IS NOT NULL AS existed, ").append(counted)
                .append(" AS counted FROM v LEFT JOIN locked AS l ON l.id = v.id AND l.viewer = v.viewer),")
                .append(" updated AS (UPDATE ").append(r).append(" AS r SET last_seen = greatest(r.last_seen,")
                .append(" d.last_at), views = r.views + d.counted, last_counted = CASE WHEN d.counted > 0 THEN")
                .append(" greatest(r.last_counted, d.last_at) ELSE r.last_counted END FROM decided AS d")
                .append(" WHERE d.existed AND r.").append(rid).append(" = d.id AND r.viewer = d.viewer),")
                // A row another transaction committed after this statement's snapshot conflicts here: not inserted,
                // not locked above, its pair is returned to be decided again.
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
        if (viewers.uniqueColumn() != null) {
            String unique = JdbcChunkWriter.identifier(viewers.uniqueColumn(), "viewers.unique-column");
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
        return sql.append(" SELECT EXISTS (SELECT FROM ledger), ARRAY(SELECT * FROM counter), a.pairs, a.rejected,")
                .append(" a.uniques, ARRAY(SELECT i FROM decided AS d WHERE NOT existed AND viewer IS NOT NULL")
                .append(" AND NOT EXISTS (SELECT FROM inserted AS i WHERE i.id = d.id AND i.viewer = d.viewer)")
                .append(" ORDER BY i), CASE WHEN EXISTS (SELECT FROM ledger) THEN ARRAY(SELECT DISTINCT id FROM u")
                .append(" WHERE id NOT IN (SELECT id FROM ids)) END")
                .append(" FROM (SELECT count(*) FILTER (WHERE viewer IS NOT NULL) AS pairs,")
                .append(" coalesce(sum(n - counted), 0) AS rejected, count(*) FILTER (WHERE fresh) AS uniques")
                .append(" FROM applied) AS a").toString();
    }
}
