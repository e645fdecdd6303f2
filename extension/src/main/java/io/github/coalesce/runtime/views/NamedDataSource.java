package io.github.coalesce.runtime.views;

import javax.sql.DataSource;

import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Finds a named Agroal datasource for {@code view-counter.datasource}. A class of its own so that Agroal, an optional
 * dependency, is loaded only when the property is set.
 */
final class NamedDataSource {

    private NamedDataSource() {
    }

    /**
     * @param name the datasource's name
     * @param property the property that named it, for the error
     * @return the active datasource of that name
     * @throws ConfigurationException naming {@code property} when there is no such active datasource
     */
    static DataSource lookup(String name, String property) {
        try {
            if (!AgroalDataSourceUtil.dataSourceInstance(name).isResolvable()) {
                throw new ConfigurationException(property + "=" + name + ": there is no datasource of that name"
                        + " (active ones: " + AgroalDataSourceUtil.activeDataSourceNames() + "); configure"
                        + " quarkus.datasource.\"" + name + "\".db-kind and its jdbc.url");
            }
            return AgroalDataSourceUtil.dataSourceIfActive(name).orElseThrow(() -> new ConfigurationException(property
                    + "=" + name + ": that datasource is inactive; set quarkus.datasource.\"" + name + "\".active=true"
                    + " and its jdbc.url"));
        } catch (NoClassDefFoundError e) {
            throw new ConfigurationException(property + "=" + name + " needs a JDBC datasource: add"
                    + " quarkus-jdbc-postgresql and configure quarkus.datasource.\"" + name + "\".*");
        }
    }
}
