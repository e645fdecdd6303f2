package io.github.coalesce.runtime.views;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** Checks at start-up that the viewer relation's tables and columns exist, naming the property to fix. */
final class ViewerTablesCheck {

    private ViewerTablesCheck() {
    }

    /**
     * @param prefix the counter's property prefix, e.g. {@code quarkus.coalesce.view-counter.}
     * @param table the counted table
     * @throws IllegalStateException naming the property whose table or column is missing
     */
    static void validate(DataSource dataSource, String prefix, String table, ViewerTables tables) {
        String viewers = prefix + "viewers.";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            check(statement, tables.table(), tables.idColumn() + ", viewer, first_seen, last_seen, last_counted, views",
                    viewers + "table", "needs the columns (" + tables.idColumn()
                            + ", viewer, first_seen, last_seen, last_counted, views), see " + viewers + "id-column");
            if (tables.uniqueColumn() != null) {
                check(statement, table, tables.uniqueColumn(), viewers + "unique-column",
                        "column '" + tables.uniqueColumn() + "' does not exist in table '" + table + "'");
            }
            if (tables.dailyTable() != null) {
                check(statement, tables.dailyTable(), tables.idColumn() + ", day, views", viewers + "daily-table",
                        "needs the columns (" + tables.idColumn() + ", day, views)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not validate " + viewers + "table '" + tables.table() + "': "
                    + e.getMessage(), e);
        }
    }

    private static void check(Statement statement, String table, String columns, String property, String needs)
            throws SQLException {
        String name = JdbcChunkWriter.identifier(table, property);
        try {
            statement.execute("SELECT " + columns + " FROM " + name + " WHERE false");
        } catch (SQLException e) {
            throw new IllegalStateException(property + ": table '" + table + "' does not exist or " + needs + " ("
                    + e.getMessage() + ")", e);
        }
    }
}
