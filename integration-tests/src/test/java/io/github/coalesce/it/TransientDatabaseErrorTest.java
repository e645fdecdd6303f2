package io.github.coalesce.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.github.coalesce.sample.TransientDatabaseError;

/** Which database failures the sample retries and answers with 503, wherever the SQLException sits in the chain. */
class TransientDatabaseErrorTest {

    private final TransientDatabaseError transientError = new TransientDatabaseError();

    @Test
    void busyOrUnreachableDatabasesAreTransient() {
        for (String state : new String[] { "08006", "08001", "40001", "40P01", "53300", "55P03", "57014" }) {
            SQLException cause = new SQLException("from PostgreSQL", state);
            assertThat(transientError.test(new IllegalStateException("wrapped", new RuntimeException(cause))))
                    .as(state).isTrue();
        }
    }

    @Test
    void mistakesInTheRequestOrTheSchemaAreNot() {
        for (String state : new String[] { "23505", "42P01", "22P02" }) {
            assertThat(transientError.test(new RuntimeException(new SQLException("from PostgreSQL", state))))
                    .as(state).isFalse();
        }
        assertThat(transientError.test(new SQLException("no state"))).isFalse();
        assertThat(transientError.test(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
