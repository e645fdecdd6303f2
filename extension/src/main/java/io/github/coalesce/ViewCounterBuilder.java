package io.github.coalesce;

import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * Builds a {@link ViewCounter} in plain Java (a Quarkus application injects its counters instead):
 *
 * <pre>{@code
 * ViewCounter views = ViewCounter.builder(ViewCounterOptions.builder("post").flushInterval(Duration.ofSeconds(5)).build())
 *         .dataSource(dataSource).table("post") // UPDATE post SET views = views + n WHERE id = ...
 *         .viewers(() -> currentViewer()) // optional: enables the cooldown and the bot filter
 *         .viewerRelation(ViewerRelation.of("post_viewer", secret)) // optional: who viewed what
 *         .build();
 * }</pre>
 *
 * {@link #build()} checks the table and columns, creates the ledger table if missing, replays the spill file, if any,
 * and starts the periodic flush; close the counter to write what is pending. Unlike a Quarkus application's counter,
 * one built here does not delete old rows of the viewer relation (no retention): the application does, if it needs to.
 */
public final class ViewCounterBuilder {

    /**
     * Internal: not part of the public API. Implemented by the extension's runtime and found with
     * {@link ServiceLoader}, so that this package does not depend on the engine.
     */
    public interface Engine {

        /**
         * @param options the counter's options
         * @param writer where it writes
         * @param viewers the viewer of the current request, or {@code null} outside one
         * @param relation the viewer relation, or {@code null} for none
         * @return a started counter
         */
        ViewCounter start(ViewCounterOptions options, ViewWriter writer, Supplier<ViewCounter.Viewer> viewers,
                ViewerRelation relation);

        /**
         * @param dataSource the database
         * @param counter the counter's name, stored in the ledger
         * @param table the table whose rows are counted
         * @param idColumn its key column
         * @param countColumn the column incremented
         * @param ledgerTable the table of applied flush ids, created if missing
         * @param statementTimeout how long one statement may run
         * @param relation the viewer relation, or {@code null} for none
         * @param cooldown the counter's cooldown, which the relation's statement applies
         * @return a writer checked against the database
         */
        ViewWriter jdbc(DataSource dataSource, String counter, String table, String idColumn, String countColumn,
                String ledgerTable, Duration statementTimeout, ViewerRelation relation, Duration cooldown);
    }

    private ViewCounterOptions options;
    private DataSource dataSource;
    private String table;
    private String idColumn = "id";
    private String countColumn = "views";
    private String ledgerTable = "coalesce_view_flush";
    private Duration statementTimeout = Duration.ofSeconds(10);
    private ViewWriter writer;
    private Supplier<ViewCounter.Viewer> viewers = () -> null;
    private ViewerRelation relation;

    ViewCounterBuilder(ViewCounterOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @param options how the counter aggregates and writes (its name included)
     * @return this builder
     */
    public ViewCounterBuilder options(ViewCounterOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * @param dataSource the PostgreSQL database the views are written to
     * @return this builder
     */
    public ViewCounterBuilder dataSource(DataSource dataSource) {
        this.dataSource = dataSource;
        return this;
    }

    /**
     * @param table the table whose rows count views, e.g. {@code post} (a plain, optionally schema-qualified name)
     * @return this builder
     */
    public ViewCounterBuilder table(String table) {
        this.table = table;
        return this;
    }

    /**
     * @param idColumn the table's key column, matched against the recorded ids; {@code id} by default
     * @return this builder
     */
    public ViewCounterBuilder idColumn(String idColumn) {
        this.idColumn = idColumn;
        return this;
    }

    /**
     * @param countColumn the column incremented by the number of views; {@code views} by default
     * @return this builder
     */
    public ViewCounterBuilder countColumn(String countColumn) {
        this.countColumn = countColumn;
        return this;
    }

    /**
     * @param ledgerTable the table of applied flush ids; {@code coalesce_view_flush} by default
     * @return this builder
     */
    public ViewCounterBuilder ledgerTable(String ledgerTable) {
        this.ledgerTable = ledgerTable;
        return this;
    }

    /**
     * @param statementTimeout how long one statement may run before its chunk counts as failed; 10 s by default
     * @return this builder
     */
    public ViewCounterBuilder statementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
        return this;
    }

    /**
     * Writes with {@code writer} instead of the built-in JDBC writer (the data source and table are then unused).
     * With a {@linkplain #viewerRelation(ViewerRelation) viewer relation}, its batches carry one entry per (id,
     * viewer) pair, see {@link ViewWriter.Batch#viewers()}, and every view of a batch counts (there is no
     * database-side cooldown).
     *
     * @param writer where the counter writes
     * @return this builder
     */
    public ViewCounterBuilder writer(ViewWriter writer) {
        this.writer = writer;
        return this;
    }

    /**
     * @param viewers the viewer of the current request, or a supplier returning {@code null} outside a request;
     *        without it there is no cooldown and no bot filter
     * @return this builder
     */
    public ViewCounterBuilder viewers(Supplier<ViewCounter.Viewer> viewers) {
        this.viewers = Objects.requireNonNull(viewers, "viewers");
        return this;
    }

    /**
     * @param relation who viewed what, kept by the same statements as the count; {@code null} (the default) for none.
     *        It needs {@link #viewers(Supplier)} to know who views: a view without a viewer is counted but kept in
     *        no relation row
     * @return this builder
     */
    public ViewCounterBuilder viewerRelation(ViewerRelation relation) {
        this.relation = relation;
        return this;
    }

    /**
     * @return a started counter
     * @throws IllegalArgumentException when the viewer relation's secret is missing or shorter than 16 characters
     * @throws IllegalStateException when neither a writer nor a data source and table are set, or the table or its
     *         columns do not exist
     */
    public ViewCounter build() {
        Engine engine = engine();
        ViewWriter target = writer;
        if (target == null) {
            if (dataSource == null || table == null) {
                throw new IllegalStateException("View counter " + options.name()
                        + ": set dataSource(...) and table(...), or writer(...)");
            }
            target = engine.jdbc(dataSource, options.name(), table, idColumn, countColumn, ledgerTable,
                    statementTimeout, relation, options.cooldown());
        }
        return engine.start(options, target, viewers, relation);
    }

    private static Engine engine() {
        Iterator<Engine> engines = ServiceLoader.load(Engine.class, ViewCounterBuilder.class.getClassLoader())
                .iterator();
        if (!engines.hasNext()) {
            throw new IllegalStateException("No view counter engine on the class path: add io.github.coalesce:"
                    + "quarkus-coalesce");
        }
        return engines.next();
    }
}
