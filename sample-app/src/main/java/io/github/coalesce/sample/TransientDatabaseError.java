package io.github.coalesce.sample;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The database errors worth retrying: lost connections (class 08), a server shutting down, restarting or not yet
 * accepting connections (57P01-57P03), a server out of connection slots, deadlocks, serialization failures, lock and
 * statement timeouts (by SQLState, wherever in the chain Hibernate or the transaction manager put the
 * {@link SQLException}: a failed commit arrives as {@code QuarkusTransactionException} around a
 * {@code RollbackException} whose cause, suppressed list or next exception holds it). After the retries they answer
 * 503, not 500: the request was fine, the database was not.
 */
public class TransientDatabaseError implements Predicate<Throwable> {

    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "53300", "55P03", "57014", "57P01",
            "57P02", "57P03");

    @Override
    public boolean test(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> toVisit = new ArrayDeque<>();
        if (failure != null) {
            toVisit.add(failure);
        }
        while (!toVisit.isEmpty()) {
            Throwable t = toVisit.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException sql && isTransient(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() != null) {
                toVisit.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                toVisit.add(sql.getNextException());
            }
            Collections.addAll(toVisit, t.getSuppressed());
        }
        return false;
    }

    private static boolean isTransient(String state) {
        return state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state));
    }
}
