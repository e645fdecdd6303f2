package io.github.coalesce.runtime.views;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.coalesce.ViewCounter;
import io.github.coalesce.ViewCounterBuilder;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewWriter;
import io.github.coalesce.ViewerRelation;

/**
 * What {@link ViewCounter#builder(String)} builds on, found with {@link java.util.ServiceLoader}.
 * <p>
 * Internal: not part of the public API.
 */
public final class BatchingViewCounterEngine implements ViewCounterBuilder.Engine {

    @Override
    public ViewCounter start(ViewCounterOptions options, ViewWriter writer, Supplier<ViewCounter.Viewer> viewers,
            ViewerRelation relation) {
        if (relation == null) {
            return new BatchingViewCounter(options, writer, viewers);
        }
        return new BatchingViewCounter(options, writer, viewers,
                new ViewerHasher(relation.secret(), relation.storePrincipals(), "ViewerRelation.secret"));
    }

    @Override
    public ViewWriter jdbc(DataSource dataSource, String counter, String table, String idColumn, String countColumn,
            String ledgerTable, Duration statementTimeout, ViewerRelation relation, Duration cooldown) {
        JdbcChunkWriter.validate(dataSource, "", table, idColumn, countColumn);
        JdbcChunkWriter writer = new JdbcChunkWriter(dataSource, table, idColumn, countColumn, ledgerTable, counter,
                statementTimeout);
        try {
            writer.createLedger();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the ledger table '" + ledgerTable + "': "
                    + e.getMessage(), e);
        }
        if (relation == null) {
            return writer;
        }
        ViewerTables tables = new ViewerTables(relation.table(), relation.idColumn(), relation.uniqueColumn(),
                relation.dailyTable(), relation.zone());
        return ViewerChunkWriter.checked(dataSource, "", table, idColumn, countColumn, ledgerTable, counter,
                statementTimeout, tables, cooldown);
    }
}
