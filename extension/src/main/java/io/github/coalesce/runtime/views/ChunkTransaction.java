package io.github.coalesce.runtime.views;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How the view counter's writes use a pooled connection: reads bounded (see {@link #boundReads}), committed once or
 * rolled back, and the connection handed back as it came — or, when its state is unknown, aborted, so that the pool
 * drops it rather than lend out a transaction half done.
 */
final class ChunkTransaction {

    /** The work of one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private ChunkTransaction() {
    }

    /**
     * One statement's work: committed unless the pool hands out autocommit connections (then the statement commits
     * itself), rolled back when it fails.
     */
    static <T> T commitOnce(Connection connection, int timeoutSeconds, Work<T> work) throws SQLException {
        return run(connection, timeoutSeconds, work, false);
    }

    /**
     * Work that may take more than one statement, in one READ COMMITTED transaction whatever the pool's settings (the
     * viewer relation's decisions rely on each statement seeing what committed before it): committed once, or rolled
     * back when any of it fails; an autocommit connection gets its autocommit back afterwards.
     */
    static <T> T inOneTransaction(Connection connection, int timeoutSeconds, Work<T> work) throws SQLException {
        return run(connection, timeoutSeconds, work, true);
    }

    private static <T> T run(Connection connection, int timeoutSeconds, Work<T> work, boolean oneTransaction)
            throws SQLException {
        int readTimeout = boundReads(connection, timeoutSeconds);
        boolean autoCommit = connection.getAutoCommit();
        boolean transaction = !autoCommit || oneTransaction;
        boolean settled = !transaction;
        try {
            if (autoCommit && oneTransaction) {
                connection.setAutoCommit(false);
            }
            if (oneTransaction) {
                try (Statement isolation = connection.createStatement()) {
                    isolation.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
                }
            }
            T result = work.run();
            if (transaction) {
                connection.commit();
            }
            settled = true;
            return result;
        } finally {
            // Whatever left the work (an SQLException, an Error), an open transaction is rolled back here: given back
            // as it is, the next setAutoCommit(true) would commit half of it.
            if (!settled && !rolledBack(connection)) {
                abort(connection);
            } else {
                if (autoCommit && oneTransaction) {
                    restoreAutoCommit(connection);
                }
                restoreReads(connection, readTimeout);
            }
        }
    }

    private static boolean rolledBack(Connection connection) {
        try {
            connection.rollback();
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** A connection in an unknown state: closed on the spot, so that the pool drops it. */
    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            // Nothing more to do with it.
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // A broken connection: the pool discards it.
        }
    }

    /**
     * Bounds every read of {@code connection} from the server. The statement timeout cancels a statement through a
     * second connection, which a silent network (a half-open connection, a dropped route) does not deliver; what the
     * driver then does with the first one is its own business. This bound keeps the flush's wait finite whatever the
     * driver does. Two seconds more than the statement timeout, so that a reachable server answers the cancel first.
     *
     * @return the connection's previous network timeout, for {@link #restoreReads}
     */
    private static int boundReads(Connection connection, int timeoutSeconds) throws SQLException {
        int previous = connection.getNetworkTimeout();
        connection.setNetworkTimeout(Runnable::run, (timeoutSeconds + 2) * 1000);
        return previous;
    }

    /** Gives the pooled connection back with the network timeout it had, so requests that use it next keep theirs. */
    private static void restoreReads(Connection connection, int previous) {
        try {
            if (!connection.isClosed()) {
                connection.setNetworkTimeout(Runnable::run, previous);
            }
        } catch (SQLException e) {
            // A broken connection: the pool discards it.
        }
    }
}
