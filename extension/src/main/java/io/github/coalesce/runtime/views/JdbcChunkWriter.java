package io.github.coalesce.runtime.views;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * Writes a chunk to PostgreSQL in one transaction: a ledger row for its flush id (skipped, and the chunk with it, when
 * that id is there already), then one {@code UPDATE … FROM unnest(?::bigint[], ?::bigint[])} for all of its ids.
 * {@code RETURNING} tells which ids have no row any more, so their views are dropped instead of retried forever.
 */
public final class JdbcChunkWriter implements ChunkWriter {

    /** Table and column names come from configuration and are spliced into SQL: plain (optionally qualified) names. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final DataSource dataSource;
    private final String counter;
    private final String update;
    private final String ledgerInsert;
    private final String ledgerTable;
    private final int timeoutSeconds;

    /**
     * @param table the table whose rows are counted, e.g. {@code post}
     * @param idColumn its key column
     * @param countColumn the column incremented
     * @param ledgerTable the table of applied flush ids (created by {@link #createLedger()})
     * @param counter the counter's name, stored in the ledger
     * @param statementTimeout how long one statement may run before the chunk counts as failed
     */
    public JdbcChunkWriter(DataSource dataSource, String table, String idColumn, String countColumn,
            String ledgerTable, String counter, Duration statementTimeout) {
        this.dataSource = dataSource;
        this.counter = counter;
        this.ledgerTable = identifier(ledgerTable, "ledger-table");
        this.timeoutSeconds = (int) Math.max(1, statementTimeout.toSeconds());
        String t = identifier(table, "table");
        String id = identifier(idColumn, "id-column");
        String count = identifier(countColumn, "count-column");
        this.update = "UPDATE " + t + " AS t SET " + count + " = t." + count + " + v.n"
                + " FROM unnest(?::bigint[], ?::bigint[]) AS v(id, n) WHERE t." + id + " = v.id RETURNING t." + id;
        this.ledgerInsert = "INSERT INTO " + this.ledgerTable
                + " (flush_id, counter) VALUES (?, ?) ON CONFLICT (flush_id) DO NOTHING";
    }

    @Override
    public Written write(Chunk chunk) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Written written = apply(connection, chunk);
                connection.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private Written apply(Connection connection, Chunk chunk) throws SQLException {
        try (PreparedStatement ledger = connection.prepareStatement(ledgerInsert)) {
            ledger.setQueryTimeout(timeoutSeconds);
            ledger.setObject(1, chunk.flushId());
            ledger.setString(2, counter);
            if (ledger.executeUpdate() == 0) {
                return new Written(true, 0, new long[0]);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            statement.setQueryTimeout(timeoutSeconds);
            Array ids = connection.createArrayOf("bigint", Arrays.stream(chunk.ids()).boxed().toArray());
            Array counts = connection.createArrayOf("bigint", Arrays.stream(chunk.counts()).boxed().toArray());
            statement.setArray(1, ids);
            statement.setArray(2, counts);
            Set<Long> updated = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    updated.add(rows.getLong(1));
                }
            }
            long[] missing = Arrays.stream(chunk.ids()).filter(id -> !updated.contains(id)).toArray();
            return new Written(false, updated.size(), missing);
        }
    }

    /** Creates the ledger table if it does not exist, and forgets flush ids older than a day. */
    public void createLedger() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + ledgerTable
                    + " (flush_id uuid PRIMARY KEY, counter text NOT NULL,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            statement.execute("DELETE FROM " + ledgerTable + " WHERE applied_at < now() - interval '1 day'");
        }
    }

    /**
     * Checks that the table and columns exist, so that a typo fails the start instead of every flush.
     *
     * @throws IllegalStateException naming the property to fix
     */
    public static void validate(DataSource dataSource, String prefix, String table, String idColumn,
            String countColumn) {
        String t = identifier(table, prefix + "table");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try {
                statement.execute("SELECT 1 FROM " + t + " WHERE false");
            } catch (SQLException e) {
                throw new IllegalStateException(prefix + "table: table '" + table + "' does not exist or cannot be read ("
                        + e.getMessage() + ")", e);
            }
            checkColumn(statement, t, identifier(idColumn, prefix + "id-column"), prefix + "id-column");
            checkColumn(statement, t, identifier(countColumn, prefix + "count-column"), prefix + "count-column");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not validate " + prefix + "table '" + table + "': " + e.getMessage(),
                    e);
        }
    }

    private static void checkColumn(Statement statement, String table, String column, String property)
            throws SQLException {
        try {
            statement.execute("SELECT " + column + " FROM " + table + " WHERE false");
        } catch (SQLException e) {
            throw new IllegalStateException(property + ": column '" + column + "' does not exist in table '" + table
                    + "'", e);
        }
    }

    private static String identifier(String name, String property) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(property + ": '" + name
                    + "' is not a plain table or column name (letters, digits, underscores, optionally schema.name)");
        }
        return name;
    }
}
