package io.github.coalesce.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.coalesce.Coalesce;
import io.github.coalesce.Viewers;

/**
 * Reads what the view counter's viewer relation wrote: trending posts from the daily buckets (UTC days, as
 * {@code viewers.time-zone} says) and a reader's recently viewed posts from {@code post_viewer}. Both are hot, cheap
 * to share and coalesced: a burst of front-page loads runs the trending query once.
 */
@ApplicationScoped
public class TrendingService {

    /** How many days each sparkline shows. */
    static final int SPARKLINE_DAYS = 14;

    @Inject
    DataSource dataSource;

    /**
     * @param days how many UTC days back, today included
     * @param limit how many posts at most
     * @return the posts with the most views in those days, most first, each with its last 14 days
     */
    @Coalesce(name = "trending")
    public List<TrendingPost> trending(int days, int limit) {
        String sql = "WITH top AS (SELECT d.post_id, sum(d.views) AS period_views FROM post_views_daily d"
                + " WHERE d.day > (now() AT TIME ZONE 'UTC')::date - ? GROUP BY d.post_id"
                + " ORDER BY period_views DESC, d.post_id LIMIT ?)"
                + " SELECT p.id, p.title, p.views, p.unique_viewers, top.period_views,"
                + " ARRAY(SELECT coalesce(b.views, 0) FROM generate_series(?::int - 1, 0, -1) AS ago"
                + " LEFT JOIN post_views_daily b ON b.post_id = p.id"
                + " AND b.day = (now() AT TIME ZONE 'UTC')::date - ago ORDER BY ago DESC) AS daily"
                + " FROM top JOIN post p ON p.id = top.post_id ORDER BY top.period_views DESC, p.id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, days);
            statement.setInt(2, limit);
            statement.setInt(3, SPARKLINE_DAYS);
            List<TrendingPost> posts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Long[] daily = Arrays.stream((Object[]) rows.getArray(6).getArray())
                            .map(value -> ((Number) value).longValue()).toArray(Long[]::new);
                    posts.add(new TrendingPost(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                            rows.getLong(5), List.of(daily)));
                }
            }
            return posts;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the trending posts", e);
        }
    }

    /**
     * @param viewer the stored viewer, {@link Viewers#signedIn(String)} of the reader
     * @param limit how many posts at most
     * @return the posts {@code viewer} viewed, newest view first
     */
    @Coalesce(name = "recently-viewed")
    public List<RecentlyViewed> recentlyViewed(String viewer, int limit) {
        String sql = "SELECT p.id, p.title, v.last_seen, v.views FROM post_viewer v JOIN post p ON p.id = v.post_id"
                // The LIKE names the partial index's condition (V7__) as a literal, not a parameter: that is how the
                // planner knows it may use the index.
                + " WHERE v.viewer = ? AND v.viewer LIKE '" + Viewers.signedInPattern() + "'"
                + " ORDER BY v.last_seen DESC, p.id LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, viewer);
            statement.setInt(2, limit);
            Map<Long, RecentlyViewed> posts = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    posts.put(rows.getLong(1), new RecentlyViewed(rows.getLong(1), rows.getString(2),
                            rows.getObject(3, java.time.OffsetDateTime.class), rows.getLong(4)));
                }
            }
            return List.copyOf(posts.values());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the recently viewed posts", e);
        }
    }

    /** A post the caller viewed: when last, and how many of their views counted. */
    public record RecentlyViewed(long id, String title, java.time.OffsetDateTime lastViewed, long views) {
    }
}
