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
    private final LongConsumer deleted;
    private final String name;
    private volatile Thread thread;
    private volatile boolean closed;

    /**
     * @param retention how long rows are kept after they were last seen (days: after their day)
     * @param interval how long the pruner waits between rounds
     * @param batchSize the most relation rows one statement walks (and so deletes), the most buckets one deletes
     * @param deleted receives the number of rows each batch deleted
     */
    public RetentionPruner(DataSource dataSource, ViewerTables tables, Duration retention, Duration interval,
            int batchSize, String name, LongConsumer deleted) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.interval = interval;
        this.batchSize = batchSize;
        this.deleted = deleted;
        this.name = name;
        String table = JdbcChunkWriter.identifier(tables.table(), "viewers.table");
        String id = JdbcChunkWriter.identifier(tables.idColumn(), "viewers.id-column");
        this.firstViewers = walk(table, id, "");
        this.nextViewers = walk(table, id, " WHERE (" + id + ", viewer) > (?, ?)");
        this.deleteDays = tables.dailyTable() == null ? null
                : "DELETE FROM " + JdbcChunkWriter.identifier(tables.dailyTable(), "viewers.daily-table")
                        + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + tables.dailyTable() + " WHERE day < (now() AT"
                        + " TIME ZONE '" + tables.zone().getId() + "')::date - ? * interval '1 second' LIMIT ?))";
    }

    /**
     * One batch of the walk: the next {@code batchSize} rows in key order after the last one of the batch before
     * ({@code after}), of which those not seen since the retention are deleted. Parameters: [after id, after viewer,]
     * batch size, retention in seconds. Returns the rows deleted, the rows walked and the last key walked.
     */
    private static String walk(String table, String id, String after) {
        return "WITH batch AS MATERIALIZED (SELECT " + id + " AS id, viewer FROM " + table + after + " ORDER BY "
                + id + ", viewer LIMIT ?), gone AS (DELETE FROM " + table + " AS r USING batch AS b WHERE r." + id
                + " = b.id AND r.viewer = b.viewer AND r.last_seen < now() - ? * interval '1 second' RETURNING 1),"
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

    private long pruneViewers() throws SQLException {
        long total = 0;
        Long afterId = null;
        String afterViewer = null;
        while (!closed) {
            int walked;
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(afterId == null ? firstViewers
                            : nextViewers)) {
                int next = 1;
                if (afterId != null) {
                    statement.setLong(next++, afterId);
                    statement.setString(next++, afterViewer);
                }
                statement.setInt(next++, batchSize);
                statement.setLong(next, retention.toSeconds());
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    long rows = result.getLong(1);
                    walked = result.getInt(2);
                    afterId = result.getLong(3);
                    afterViewer = result.getString(4);
                    total += rows;
                    deleted.accept(rows);
                }
            }
            if (walked < batchSize) {
                break;
            }
        }
        return total;
    }

    private long prune(String sql) throws SQLException {
        long total = 0;
        while (!closed) {
            int rows;
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, retention.toSeconds());
                statement.setInt(2, batchSize);
                rows = statement.executeUpdate();
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
