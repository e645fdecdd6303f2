package io.github.coalesce.runtime.views;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterBuilder;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewWriter;

/**
 * What {@link ViewCounter#builder(String)} builds on, found with {@link java.util.ServiceLoader}.
 * <p>
 * Internal: not part of the public API.
 */
public final class BatchingViewCounterEngine implements ViewCounterBuilder.Engine {

    @Override
    public ViewCounter start(ViewCounterOptions options, ViewWriter writer, Supplier<ViewCounter.Viewer> viewers) {
        return new BatchingViewCounter(options, writer, viewers);
    }

    @Override
    public ViewWriter jdbc(DataSource dataSource, String counter, String table, String idColumn, String countColumn,
            String ledgerTable, Duration statementTimeout) {
        JdbcChunkWriter.validate(dataSource, "", table, idColumn, countColumn);
        JdbcChunkWriter writer = new JdbcChunkWriter(dataSource, table, idColumn, countColumn, ledgerTable, counter,
                statementTimeout);
        try {
            writer.createLedger();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the ledger table '" + ledgerTable + "': "
                    + e.getMessage(), e);
        }
        return writer;
    }
}
