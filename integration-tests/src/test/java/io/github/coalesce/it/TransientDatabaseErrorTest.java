package io.github.coalesce.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import jakarta.transaction.RollbackException;

import org.junit.jupiter.api.Test;

import io.github.coalesce.sample.TransientDatabaseError;
import io.quarkus.narayana.jta.QuarkusTransactionException;

/** Which database failures the sample retries and answers with 503, wherever the SQLException sits in the chain. */
class TransientDatabaseErrorTest {

    private final TransientDatabaseError transientError = new TransientDatabaseError();

    @Test
    void busyOrUnreachableDatabasesAreTransient() {
        for (String state : new String[] { "08006", "08001", "08003", "40001", "40P01", "53300", "55P03", "57014",
                "57P01", "57P02", "57P03" }) {
            SQLException cause = new SQLException("from PostgreSQL", state);
            assertThat(transientError.test(new IllegalStateException("wrapped", new RuntimeException(cause))))
                    .as(state).isTrue();
        }
    }

    /**
     * The failure the first fault probe found: PostgreSQL restarting ({@code pg_ctl restart -m fast}) terminates the
     * connection (57P01) while a transaction commits; Narayana reports it as a {@link RollbackException} whose cause
     * chain (or suppressed list) holds the SQLException, and {@code QuarkusTransaction} wraps that again.
     */
    @Test
    void aCommitKilledByAServerRestartIsTransient() {
        SQLException terminated = new SQLException("terminating connection due to administrator command", "57P01");
        RollbackException viaCause = new RollbackException("ARJUNA016053: Could not commit transaction.");
        viaCause.initCause(new RuntimeException("JDBC exception executing SQL", terminated));
        assertThat(transientError.test(new QuarkusTransactionException(viaCause))).isTrue();

        RollbackException viaSuppressed = new RollbackException("ARJUNA016053: Could not commit transaction.");
        viaSuppressed.addSuppressed(new RuntimeException("JDBC exception executing SQL", terminated));
        assertThat(transientError.test(new QuarkusTransactionException(viaSuppressed))).isTrue();

        SQLException batch = new SQLException("batch failed", "XX000");
        batch.setNextException(terminated);
        assertThat(transientError.test(new QuarkusTransactionException(new RuntimeException(batch)))).isTrue();
    }

    @Test
    void mistakesInTheRequestOrTheSchemaAreNot() {
        for (String state : new String[] { "23505", "42P01", "22P02" }) {
            assertThat(transientError.test(new RuntimeException(new SQLException("from PostgreSQL", state))))
                    .as(state).isFalse();
        }
        assertThat(transientError.test(new SQLException("no state"))).isFalse();
        assertThat(transientError.test(new IllegalStateException("no SQL at all"))).isFalse();
        assertThat(transientError.test(new QuarkusTransactionException(new RollbackException("rolled back"))))
                .isFalse();
    }

    @Test
    void aCycleInTheCauseChainEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.addSuppressed(second);
        assertThat(transientError.test(second)).isFalse();
    }
}
