package io.github.coalesce.deployment.devui;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.github.coalesce.Coalesce;
import io.github.coalesce.CoalesceKey;
import io.github.coalesce.ViewCounter;
import io.quarkus.runtime.StartupEvent;

/** The dev-mode application of {@link CoalesceDevUiTest}: a slow coalesced lookup and a view counter over HTTP. */
@Path("/")
@ApplicationScoped
public class DevUiApp {

    @Inject
    ViewCounter views;

    @Inject
    DataSource dataSource;

    @Inject
    Lookups lookups;

    void schema(@Observes @Priority(1) StartupEvent event) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS devui_post");
            sql.execute("CREATE TABLE devui_post (id bigint PRIMARY KEY, views bigint NOT NULL DEFAULT 0)");
            sql.execute("INSERT INTO devui_post (id) SELECT i FROM generate_series(1, 10) i");
        }
    }

    @GET
    @Path("lookup/{id}")
    public String lookup(@PathParam("id") long id) throws InterruptedException {
        return lookups.lookup(id, "en");
    }

    @GET
    @Path("view/{id}")
    public String view(@PathParam("id") long id) {
        views.record(id);
        return "ok";
    }

    @GET
    @Path("views/{id}")
    public String stored(@PathParam("id") long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT views FROM devui_post WHERE id = " + id)) {
            row.next();
            return String.valueOf(row.getLong(1));
        }
    }

    @ApplicationScoped
    public static class Lookups {

        @Coalesce(name = "lookups", maxWait = "5s", onMaxWait = Coalesce.OnMaxWait.RUN)
        public String lookup(@CoalesceKey long id, String locale) throws InterruptedException {
            Thread.sleep(3_000);
            return "value-" + id;
        }
    }
}
