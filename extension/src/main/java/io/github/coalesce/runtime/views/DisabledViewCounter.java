package io.github.coalesce.runtime.views;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewCounterStats;

/** A counter configured with {@code enabled=false}: records nothing, writes nothing, its stats stay at zero. */
final class DisabledViewCounter implements ViewCounter {

    private final ViewCounterOptions options;

    DisabledViewCounter(ViewCounterOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public void record(long id) {
    }

    @Override
    public long pending(long id) {
        return 0;
    }

    @Override
    public long withPending(long id, LongSupplier storedRead) {
        return storedRead.getAsLong();
    }

    @Override
    public CompletionStage<Void> flush() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public ViewCounterStats stats() {
        return ViewCounterStats.none();
    }

    @Override
    public ViewCounterOptions options() {
        return options;
    }

    @Override
    public void close(Duration timeout) {
    }
}
