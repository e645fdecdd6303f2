package io.github.coalesce.sample;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The database errors worth retrying: lost connections, a server out of connection slots, deadlocks, serialization
 * failures, lock and statement timeouts (by SQLState, wherever in the cause chain Hibernate put the
 * {@link SQLException}). After the retries they answer 503, not 500: the request was fine, the database was not.
 */
public class TransientDatabaseError implements Predicate<Throwable> {

    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "53300", "55P03", "57014");

    @Override
    public boolean test(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || TRANSIENT_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
