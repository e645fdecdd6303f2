package io.github.coalesce.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The default datasource of a Quarkus-level test, on {@link TestPostgres}' server. quarkus-coalesce brings no database
 * (deployment's CoalesceAloneBringsNoDatabaseTest), so such a test names its server, as an application does. Here, in
 * the test-jar, because a Quarkus test loads its class a second time in a class loader that sees the dependencies'
 * classes but not the other classes of the test module.
 */
public final class TestDatasource {

    /** How a test takes one configuration property, e.g. {@code QuarkusUnitTest::overrideConfigKey}. */
    @FunctionalInterface
    public interface Override<T> {
        T apply(T test, String key, String value);
    }

    private TestDatasource() {
    }

    /** @return the default datasource's configuration: PostgreSQL, its URL and credentials */
    public static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.db-kind", "postgresql");
        properties.put("quarkus.datasource.jdbc.url", TestPostgres.url());
        properties.put("quarkus.datasource.username", TestPostgres.username());
        properties.put("quarkus.datasource.password", TestPostgres.password());
        return properties;
    }

    /**
     * @param test a test application
     * @param override how it takes a property
     * @return the test, its default datasource configured
     */
    public static <T> T on(T test, Override<T> override) {
        T configured = test;
        for (Map.Entry<String, String> property : properties().entrySet()) {
            configured = override.apply(configured, property.getKey(), property.getValue());
        }
        return configured;
    }

    /** @return {@link #properties()} as lines of an application.properties file (for dev-mode tests) */
    public static String asPropertiesFile() {
        return properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
    }
}
