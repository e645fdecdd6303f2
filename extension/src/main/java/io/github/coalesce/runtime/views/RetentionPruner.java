package io.github.coalesce.runtime.views;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

/**
 * Deletes viewer relation rows not seen for longer than the retention, and daily buckets older than it, in the
 * background on one virtual thread: in batches of a bounded size (each its own short statement, so that no long
 * transaction holds locks or bloats the table), until a batch finds less than a full one, then again after the
 * interval. A deleted viewer who comes back is a new unique viewer.
 */
public final class RetentionPruner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RetentionPruner.class);

    private final DataSource dataSource;
    private final String deleteViewers;
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
     * @param batchSize the most rows one DELETE removes
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
        // ctid batches: the relation's key does not start with last_seen, and a bounded DELETE needs a sub-select.
        this.deleteViewers = "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + table
                + " WHERE last_seen < now() - ? * interval '1 second' LIMIT ?))";
        this.deleteDays = tables.dailyTable() == null ? null
                : "DELETE FROM " + JdbcChunkWriter.identifier(tables.dailyTable(), "viewers.daily-table")
                        + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + tables.dailyTable() + " WHERE day < (now() AT"
                        + " TIME ZONE '" + tables.zone().getId() + "')::date - ? * interval '1 second' LIMIT ?))";
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
        long total = prune(deleteViewers);
        if (deleteDays != null) {
            total += prune(deleteDays);
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

    @Override
    public void close() {
        closed = true;
        Thread running = thread;
        if (running != null) {
            LockSupport.unpark(running);
        }
    }
}
