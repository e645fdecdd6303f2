package io.github.coalesce.runtime.views;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import io.github.coalesce.ViewWriter;

/**
 * Writes a chunk of (id, viewer) pairs with the viewer relation on, in one transaction of one statement (two, rarely,
 * see below): the ledger row of its flush id, then — only when that row is new — the chunk's counted rows locked in id
 * order, for every pair whether its views count, the relation rows, the count column, the unique-viewer column and the
 * daily buckets.
 * <p>
 * Whether a view counts is decided in that statement, not in the JVM: the pairs' relation rows are locked in key
 * order, and a pair counts when its last counted view is older than the cooldown (a new pair always counts). So
 * instances behind a round-robin balancer count a reader once per cooldown, and since the count column is increased
 * by exactly what the relation rows were, the two never disagree. The counted rows are locked first, in id order, so
 * that chunks of several instances touching the same ids wait for each other instead of deadlocking.
 * <p>
 * A pair whose first row another instance committed after the statement's snapshot was taken (its chunk held the same
 * counted row, which this one waited for) is not seen by it: the statement returns its index, and the same
 * transaction decides it again with a second statement, whose snapshot sees that row. That one settles them: the
 * chunk's counted rows are held by then, and every writer takes them before it inserts a row of their ids. Nothing
 * leaves the transaction undecided, so a retry that finds the chunk applied has nothing left to do. Pairs of ids with
 * no row in the counted table come back as missing.
 */
public final class ViewerChunkWriter implements ViewWriter {

    /**
     * What the relation's part of a committed chunk did.
     *
     * @param pairs pairs applied (with a viewer)
     * @param rejected views the database-side cooldown did not count
     * @param uniques new (id, viewer) rows, that is, new unique viewers
     * @param countWritten what the counter's part did, as {@link #write} returned it
     */
    public record RelationWritten(long pairs, long rejected, long uniques, Written countWritten) {
    }

    /** The per-pair arrays bound to a statement: the chunk's, or the subset decided again. */
    private record Pairs(long[] ids, String[] viewers, long[] counts, long[] first, long[] last) {

        Pairs select(int[] indexes) {
            Pairs selected = new Pairs(new long[indexes.length], new String[indexes.length], new long[indexes.length],
                    new long[indexes.length], new long[indexes.length]);
            for (int i = 0; i < indexes.length; i++) {
                int at = indexes[i];
                selected.ids[i] = ids[at];
                selected.viewers[i] = viewers[at];
                selected.counts[i] = counts[at];
                selected.first[i] = first[at];
                selected.last[i] = last[at];
            }
            return selected;
        }
    }

    /** What one statement did: {@code again} are indexes into its pairs to decide once more. */
    private record Decision(boolean applied, long[] updated, long appliedPairs, long rejected, long uniques, int[] again,
            long[] missing) {
    }

    private final DataSource dataSource;
    private final String counter;
    private final String writeSql;
    private final String decideAgainSql;
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
        ViewerStatement statement = new ViewerStatement(JdbcChunkWriter.identifier(table, "table"),
                JdbcChunkWriter.identifier(idColumn, "id-column"),
                JdbcChunkWriter.identifier(countColumn, "count-column"), viewers, cooldown.toNanos() / 1000);
        String ledger = JdbcChunkWriter.identifier(ledgerTable, "ledger-table");
        this.writeSql = statement.sql("INSERT INTO " + ledger + " (flush_id, counter) VALUES (?, ?)"
                + " ON CONFLICT (flush_id) DO NOTHING RETURNING flush_id");
        // Within the chunk's transaction the ledger row is there already: the same parameters, as a given row.
        this.decideAgainSql = statement.sql("SELECT ?::uuid AS flush_id, ?::text AS counter");
    }

    /**
     * A writer whose tables were checked: every name a plain identifier, then the tables and columns there.
     *
     * @param prefix the counter's property prefix, named in errors ({@code ""} outside Quarkus)
     * @throws IllegalStateException or {@link IllegalArgumentException} naming what to fix
     */
    static ViewerChunkWriter checked(DataSource dataSource, String prefix, String table, String idColumn,
            String countColumn, String ledgerTable, String counter, Duration statementTimeout, ViewerTables viewers,
            Duration cooldown) {
        // The constructor checks the names before the check below splices them into SQL.
        ViewerChunkWriter writer = new ViewerChunkWriter(dataSource, table, idColumn, countColumn, ledgerTable,
                counter, statementTimeout, viewers, cooldown);
        ViewerTablesCheck.validate(dataSource, prefix, table, viewers);
        return writer;
    }

    /** @return the statement, for tests and the documentation */
    public String sql() {
        return writeSql;
    }

    /**
     * Writes a chunk of pairs; what the relation's part did is left in the chunk's {@link ViewerPairs.Columns#outcome},
     * set before the commit, so that a retry that finds the chunk applied still knows what its commit did.
     *
     * @param batch a {@link Chunk} with {@link Chunk#pairs() pairs}
     * @return what the counter's part did
     * @throws SQLException when the transaction did not commit, or its outcome is unknown: the chunk is retried as is
     */
    @Override
    public Written write(Batch batch) throws SQLException {
        if (!(batch instanceof Chunk chunk) || chunk.pairs() == null) {
            throw new IllegalArgumentException("The viewer relation writes chunks of (id, viewer) pairs only");
        }
        ViewerPairs.Columns columns = chunk.pairs();
        Pairs pairs = new Pairs(chunk.ids(), columns.viewers(), chunk.counts(), columns.firstMicros(),
                columns.lastMicros());
        try (Connection connection = dataSource.getConnection()) {
            return ChunkTransaction.inOneTransaction(connection, timeoutSeconds, () -> {
                Decision first = decide(connection, writeSql, chunk, pairs);
                if (!first.applied()) {
                    return new Written(true, 0, new long[0]);
                }
                Decision again = first.again().length == 0 ? null
                        : decide(connection, decideAgainSql, chunk, pairs.select(first.again()));
                if (again != null && again.again().length > 0) {
                    // Cannot happen while every writer locks the counted rows first; should it, the chunk is retried.
                    throw new SQLTransientException("View counter: " + again.again().length + " pairs of chunk "
                            + chunk.flushId() + " still undecided after a second statement; retrying the chunk");
                }
                // A counted row both statements updated is one row written.
                int rows = again == null ? first.updated().length
                        : (int) LongStream.concat(Arrays.stream(first.updated()), Arrays.stream(again.updated()))
                                .distinct().count();
                long applied = first.appliedPairs() + (again == null ? 0 : again.appliedPairs());
                long rejected = first.rejected() + (again == null ? 0 : again.rejected());
                long uniques = first.uniques() + (again == null ? 0 : again.uniques());
                Written written = new Written(false, rows, first.missing());
                columns.outcome().set(new RelationWritten(applied, rejected, uniques, written));
                return written;
            });
        }
    }

    private Decision decide(Connection connection, String sql, Chunk chunk, Pairs pairs) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setObject(1, chunk.flushId());
            statement.setString(2, counter);
            // Primitive arrays: the driver sends them as binary int8[], without a Long per value.
            statement.setObject(3, pairs.ids());
            statement.setArray(4, connection.createArrayOf("text", pairs.viewers()));
            statement.setObject(5, pairs.counts());
            statement.setObject(6, pairs.first());
            statement.setObject(7, pairs.last());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                if (!result.getBoolean(1)) {
                    return new Decision(false, new long[0], 0, 0, 0, new int[0], new long[0]);
                }
                Object[] again = (Object[]) result.getArray(6).getArray();
                return new Decision(true, JdbcChunkWriter.ids(result.getArray(2)), result.getLong(3), result.getLong(4),
                        result.getLong(5),
                        Arrays.stream(again).mapToInt(i -> ((Number) i).intValue() - 1).toArray(),
                        JdbcChunkWriter.ids(result.getArray(7)));
            }
        }
    }
}
