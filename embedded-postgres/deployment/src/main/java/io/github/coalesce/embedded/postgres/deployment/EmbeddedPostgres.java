package io.github.coalesce.embedded.postgres.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.jboss.logging.Logger;

import io.quarkus.deployment.builditem.Startable;

/** A throw-away PostgreSQL server from the zonky binaries: started in a temporary directory, removed on close. */
final class EmbeddedPostgres implements Startable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    static final String USER = "postgres";
    static final String DATABASE = "postgres";

    private volatile io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    @Override
    public void start() {
        try {
            EmbeddedPostgresPlatform.requireForThisMachine();
            long started = System.nanoTime();
            server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
            LOG.infof("Embedded PostgreSQL started in %d ms at %s (set quarkus.datasource.jdbc.url to use another server)",
                    (System.nanoTime() - started) / 1_000_000, jdbcUrl());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    String jdbcUrl() {
        return server.getJdbcUrl(USER, DATABASE);
    }

    @Override
    public String getConnectionInfo() {
        return jdbcUrl();
    }

    @Override
    public String getContainerId() {
        return null;
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
