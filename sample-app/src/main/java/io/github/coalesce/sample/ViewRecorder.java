package io.github.coalesce.sample;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

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

    /**
     * @return views of {@code id} recorded but not yet written (for lists: a single post's page uses {@link #read})
     */
    public long pending(long id) {
        return mode == Mode.COUNTER ? counter.pending(id) : 0;
    }

    /**
     * Reads a post, records a view of it when {@code recordView} (after the read: a missing post counts no view), and
     * shows it with its views still pending added, read consistently with the stored count
     * ({@link ViewCounter#withPending}).
     */
    public PostView read(long id, Supplier<PostView> read, boolean recordView) {
        if (mode != Mode.COUNTER) {
            PostView post = read.get();
            if (recordView) {
                record(id);
            }
            return post;
        }
        var post = new AtomicReference<PostView>();
        var recorded = new AtomicBoolean(!recordView);
        long views = counter.withPending(id, () -> {
            post.set(read.get());
            if (!recorded.getAndSet(true)) {
                record(id);
            }
            return post.get().views();
        });
        return post.get().withViews(views);
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
