package io.github.coalesce.runtime.views;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.coalesce.ViewCounter;

/** A counter configured with {@code enabled=false}: records nothing, writes nothing. */
final class DisabledViewCounter extends ViewCounter {

    @Override
    public void record(long id) {
    }

    @Override
    public long pending(long id) {
        return 0;
    }

    @Override
    public CompletionStage<Void> flush() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public int pendingIds() {
        return 0;
    }

    @Override
    public long oldestPendingAgeNanos() {
        return 0;
    }

    @Override
    public void close(Duration timeout) {
    }
}
