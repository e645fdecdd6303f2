package io.github.coalesce.runtime.views;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

/**
 * Deletes viewer relation rows not seen for longer than the retention, and daily buckets older than it, in the
 * background on one virtual thread: in batches of a bounded size (each its own short statement, so that no long
 * transaction holds locks or bloats the table), then again after the interval. A deleted viewer who comes back is a
 * new unique viewer.
 * <p>
 * The relation is walked along its primary key, a batch of rows at a time, rather than searched by {@code last_seen}:
 * an index on {@code last_seen} would be written by every flush (and keep the flush's updates from staying on their
 * page), to serve a delete that runs once an interval. A round reads the whole relation once.
 */
public final class RetentionPruner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RetentionPruner.class);

    private final DataSource dataSource;
    private final String firstViewers;
    private final String nextViewers;
    private final String deleteDays;
    private final Duration retention;
    private final Duration interval;
    private final int batchSize;
    private final int timeoutSeconds;
    private final LongConsumer deleted;
    private final String name;
    private volatile Thread thread;
    private volatile boolean closed;

    /**
     * @param retention how long rows are kept after they were last seen (days: after their day)
     * @param interval how long the pruner waits between rounds
     * @param batchSize the most relation rows one statement walks (and so deletes), the most buckets one deletes; at
     *        least 1
     * @param statementTimeout how long one of its statements may run
     * @param deleted receives the number of rows each batch deleted
     */
    public RetentionPruner(DataSource dataSource, ViewerTables tables, Duration retention, Duration interval,
            int batchSize, Duration statementTimeout, String name, LongConsumer deleted) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("retention-batch-size must be at least 1, but is " + batchSize);
        }
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, statementTimeout.toSeconds());
        this.retention = retention;
        this.interval = interval;
        this.batchSize = batchSize;
        this.deleted = deleted;
        this.name = name;
        String table = JdbcChunkWriter.identifier(tables.table(), "viewers.table");
        String id = JdbcChunkWriter.identifier(tables.idColumn(), "viewers.id-column");
        this.firstViewers = walk(table, id, "");
        this.nextViewers = walk(table, id, " WHERE (" + id + ", viewer) > (?, ?)");
        String daily = tables.dailyTable() == null ? null
                : JdbcChunkWriter.identifier(tables.dailyTable(), "viewers.daily-table");
        this.deleteDays = daily == null ? null
                : "DELETE FROM " + daily + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + daily + " WHERE day < (now()"
                        + " AT TIME ZONE '" + tables.zone().getId() + "')::date - ? * interval '1 second' LIMIT ?))";
    }

    /**
     * One batch of the walk: the next {@code batchSize} rows in key order after the last one of the batch before
     * ({@code after}), of which those not seen since the retention are deleted. They are locked in key order, as the
     * flush locks them, and a row the flush holds is skipped: it is being seen. Parameters: retention in seconds,
     * [after id, after viewer,] batch size. Returns the rows deleted, the rows walked and the last key walked.
     */
    private static String walk(String table, String id, String after) {
        return "WITH cutoff AS (SELECT now() - ? * interval '1 second' AS at),"
                + " batch AS MATERIALIZED (SELECT " + id + " AS id, viewer, last_seen FROM " + table + after
                + " ORDER BY " + id + ", viewer LIMIT ?),"
                + " doomed AS (SELECT r." + id + " AS id, r.viewer FROM " + table + " AS r JOIN batch AS b ON r." + id
                + " = b.id AND r.viewer = b.viewer, cutoff WHERE b.last_seen < cutoff.at ORDER BY r." + id
                + ", r.viewer FOR UPDATE OF r SKIP LOCKED),"
                + " gone AS (DELETE FROM " + table + " AS r USING doomed AS d, cutoff WHERE r." + id + " = d.id"
                + " AND r.viewer = d.viewer AND r.last_seen < cutoff.at RETURNING 1),"
                + " last AS (SELECT id, viewer FROM batch ORDER BY id DESC, viewer DESC LIMIT 1)"
                + " SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM batch), last.id, last.viewer"
                + " FROM (SELECT 1) AS one LEFT JOIN last ON true";
    }

    /** Starts the background thread; the first round runs at once. */
    public RetentionPruner start() {
        thread = Thread.ofVirtual().name("coalesce-views-" + name + "-retention").start(this::run);
        return this;
    }

    /**
     * Runs one round now: batches until every expired row is gone.
     *
     * @return how many rows were deleted
     */
    public long pruneNow() throws SQLException {
        long total = pruneViewers();
        if (deleteDays != null) {
            total += prune(deleteDays);
        }
        return total;
    }

    /** What one batch of the walk did, and where the next one starts. */
    private record Walked(long deleted, int walked, long lastId, String lastViewer) {
    }

    private long pruneViewers() throws SQLException {
        long total = 0;
        Walked last = null;
        while (!closed) {
            last = walkOnce(last);
            total += last.deleted();
            deleted.accept(last.deleted());
            if (last.walked() < batchSize) {
                break;
            }
        }
        return total;
    }

    /** @param after the batch before, or {@code null} to start from the first key */
    private Walked walkOnce(Walked after) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(after == null ? firstViewers
                        : nextViewers)) {
            statement.setQueryTimeout(timeoutSeconds);
            int next = 1;
            statement.setLong(next++, retention.toSeconds());
            if (after != null) {
                statement.setLong(next++, after.lastId());
                statement.setString(next++, after.lastViewer());
            }
            statement.setInt(next, batchSize);
            return ChunkTransaction.commitOnce(connection, timeoutSeconds, () -> {
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    return new Walked(result.getLong(1), result.getInt(2), result.getLong(3), result.getString(4));
                }
            });
        }
    }

    private long prune(String sql) throws SQLException {
        long total = 0;
        while (!closed) {
            int rows;
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout(timeoutSeconds);
                statement.setLong(1, retention.toSeconds());
                statement.setInt(2, batchSize);
                rows = ChunkTransaction.commitOnce(connection, timeoutSeconds, statement::executeUpdate);
            }
            total += rows;
            deleted.accept(rows);
            if (rows < batchSize) {
                break;
            }
        }
        return total;
    }

    private void run() {
        while (!closed) {
            try {
                long rows = pruneNow();
                if (rows > 0) {
                    LOG.debugf("View counter %s: retention deleted %d rows", name, rows);
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("View counter %s: retention could not delete old viewer rows, trying again in %s: %s", name,
                        interval, e.toString());
            }
            LockSupport.parkNanos(interval.toNanos());
        }
    }

    /** Stops the rounds, and waits a little for a statement under way, so that it does not outlive the datasource. */
    @Override
    public void close() {
        closed = true;
        Thread running = thread;
        if (running != null) {
            LockSupport.unpark(running);
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
