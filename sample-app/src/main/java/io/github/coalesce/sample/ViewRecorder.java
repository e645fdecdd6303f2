package io.github.coalesce.sample;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.github.coalesce.ViewCounter;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Records a view the way {@code blog.views.mode} says: {@code counter} (the extension: in memory, written in batches),
 * {@code naive} (one synchronous {@code UPDATE … + 1} per view, the baseline the benchmarks compare against) or
 * {@code off}.
 */
@ApplicationScoped
public class ViewRecorder {

    public enum Mode {
        COUNTER,
        NAIVE,
        OFF
    }

    @ConfigProperty(name = "blog.views.mode", defaultValue = "counter")
    Mode mode;

    @Inject
    ViewCounter counter;

    @Inject
    DataSource dataSource;

    @Inject
    SecurityIdentity identity;

    public void record(long id) {
        switch (mode) {
            case COUNTER -> {
                // Authentication is lazy (public pages pay nothing): asking for the identity authenticates a request
                // that carries credentials, so the counter sees the reader's name (for /me/recently-viewed).
                identity.isAnonymous();
                counter.record(id);
            }
            case NAIVE -> incrementNow(id);
            case OFF -> {
            }
        }
    }

    /** @return views of {@code id} recorded but not yet written */
    public long pending(long id) {
        return mode == Mode.COUNTER ? counter.pending(id) : 0;
    }

    private void incrementNow(long id) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement("UPDATE post SET views = views + 1 WHERE id = ?")) {
            statement.setLong(1, id);
            statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not count the view of post " + id, e);
        }
    }
}
