package io.github.coalesce.views;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.coalesce.ViewWriter;

/**
 * A writer whose first write commits and then fails as a connection reset after the commit would: the outcome never
 * reaches the client, which retries a chunk the database has applied.
 */
final class CommitThenFail implements ViewWriter {

    private final ViewWriter real;
    private final AtomicInteger calls = new AtomicInteger();

    CommitThenFail(ViewWriter real) {
        this.real = real;
    }

    @Override
    public Written write(Batch chunk) throws Exception {
        Written written = real.write(chunk);
        if (calls.incrementAndGet() == 1) {
            throw new SQLException("connection reset after the commit (outcome unknown to the client)");
        }
        return written;
    }

    /** @return how many writes were asked for, the failed one included */
    int calls() {
        return calls.get();
    }
}
