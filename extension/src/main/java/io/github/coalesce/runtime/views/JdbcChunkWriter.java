package io.github.coalesce.runtime.views;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.coalesce.ViewWriter;

/**
 * Writes a chunk to PostgreSQL with one statement, which is one round trip and one transaction: a ledger row for its
 * flush id (none when that id is there already, and then nothing is updated), one
 * {@code UPDATE … FROM unnest(?::bigint[], ?::bigint[])} for all of its ids, and, only when some of its ids matched no
 * row, those ids: they have no row any more, so their views are dropped instead of retried forever.
 * The id column is expected to be a key; were it not, every row with a chunk's id would be incremented.
 * <p>
 * Internal: not part of the public API.
 */
public final class JdbcChunkWriter implements ViewWriter {

    /** Table and column names come from configuration and are spliced into SQL: plain (optionally qualified) names. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    /**
     * One more data-modifying {@code WITH} query of a chunk's statement (a viewer relation, a daily bucket…): it runs
     * in the chunk's transaction, in the same round trip, and should refer to {@code ledger} (e.g.
     * {@code WHERE EXISTS (SELECT FROM ledger)}) so that a retried chunk that had committed applies nothing.
     */
    public interface StatementPart {

        /** @return {@code name AS (INSERT … / UPDATE …)}, its parameters as {@code ?} in the order it binds them */
        String cte();

        /**
         * Sets this part's parameters.
         *
         * @param statement the chunk's statement
         * @param first the index of this part's first parameter
         * @param chunk the chunk written
         * @return the index after this part's last parameter
         * @throws SQLException when a parameter cannot be set
         */
        int bind(PreparedStatement statement, int first, Batch chunk) throws SQLException;
    }

    private final DataSource dataSource;
    private final List<StatementPart> parts;
    private final String counter;
    private final String write;
    private final String ledgerTable;
    private final int timeoutSeconds;

    /**
     * @param dataSource the database
     * @param table the table whose rows are counted, e.g. {@code post}
     * @param idColumn its key column
     * @param countColumn the column incremented
     * @param ledgerTable the table of applied flush ids (created by {@link #createLedger()})
     * @param counter the counter's name, stored in the ledger
     * @param statementTimeout how long one statement may run before the chunk counts as failed
     */
    public JdbcChunkWriter(DataSource dataSource, String table, String idColumn, String countColumn,
            String ledgerTable, String counter, Duration statementTimeout) {
        this(dataSource, table, idColumn, countColumn, ledgerTable, counter, statementTimeout, List.of());
    }

    /**
     * @param dataSource the database
     * @param table the table whose rows are counted, e.g. {@code post}
     * @param idColumn its key column
     * @param countColumn the column incremented
     * @param ledgerTable the table of applied flush ids (created by {@link #createLedger()})
     * @param counter the counter's name, stored in the ledger
     * @param statementTimeout how long one statement may run before the chunk counts as failed
     * @param parts more writes of the same statement, after the ledger insert and the update
     */
    public JdbcChunkWriter(DataSource dataSource, String table, String idColumn, String countColumn,
            String ledgerTable, String counter, Duration statementTimeout, List<StatementPart> parts) {
        this.dataSource = dataSource;
        this.parts = List.copyOf(parts);
        this.counter = counter;
        this.ledgerTable = identifier(ledgerTable, "ledger-table");
        this.timeoutSeconds = (int) Math.max(1, statementTimeout.toSeconds());
        String t = identifier(table, "table");
        String id = identifier(idColumn, "id-column");
        String count = identifier(countColumn, "count-column");
        this.write = "WITH ledger AS (INSERT INTO " + this.ledgerTable + " (flush_id, counter) VALUES (?, ?)"
                + " ON CONFLICT (flush_id) DO NOTHING RETURNING flush_id),"
                + " updated AS (UPDATE " + t + " AS t SET " + count + " = t." + count + " + v.n"
                + " FROM unnest(?::bigint[], ?::bigint[]) AS v(id, n)"
                + " WHERE t." + id + " = v.id AND EXISTS (SELECT FROM ledger) RETURNING t." + id + " AS id),"
                + this.parts.stream().map(part -> " " + part.cte() + ",").collect(Collectors.joining())
                // Distinct ids, not rows: an id column that is not unique must not hide a missing id.
                + " matched AS (SELECT count(*) AS n, count(DISTINCT id) AS ids FROM updated)"
                + " SELECT EXISTS (SELECT FROM ledger), n, CASE WHEN EXISTS (SELECT FROM ledger) AND ids < ? THEN"
                + " ARRAY(SELECT v.id FROM unnest(?::bigint[]) AS v(id) EXCEPT SELECT id FROM updated) END"
                + " FROM matched";
    }

    @Override
    public Written write(Batch chunk) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(write)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setObject(1, chunk.flushId());
            statement.setString(2, counter);
            // Primitive arrays: the driver sends them as binary int8[], without a Long per id.
            statement.setObject(3, chunk.ids());
            statement.setObject(4, chunk.counts());
            int next = 5;
            for (StatementPart part : parts) {
                next = part.bind(statement, next, chunk);
            }
            statement.setInt(next, chunk.ids().length);
            statement.setObject(next + 1, chunk.ids());
            return ChunkTransaction.commitOnce(connection, timeoutSeconds, () -> read(statement));
        }
    }

    private static Written read(PreparedStatement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getBoolean(1)
                    ? new Written(false, result.getInt(2), ids(result.getArray(3)))
                    : new Written(true, 0, new long[0]);
        }
    }

    /**
     * @param array an SQL {@code bigint[]} of ids (say, those that matched no row), or SQL {@code NULL} for none
     * @return its values; empty for {@code NULL}
     */
    static long[] ids(Array array) throws SQLException {
        if (array == null) {
            return new long[0];
        }
        Object[] ids = (Object[]) array.getArray();
        long[] result = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = ((Number) ids[i]).longValue();
        }
        return result;
    }

    /**
     * Creates the ledger table if it does not exist, and forgets flush ids older than a day.
     *
     * @throws SQLException when the table cannot be created
     */
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
     * @param dataSource the database
     * @param prefix what to put before the property names in messages ({@code quarkus.coalesce.view-counter.})
     * @param table the table whose rows are counted
     * @param idColumn its key column
     * @param countColumn the column incremented
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

    static String identifier(String name, String property) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(property + ": '" + name
                    + "' is not a plain table or column name (letters, digits, underscores, optionally schema.name)");
        }
        return name;
    }
}
