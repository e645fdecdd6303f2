package io.github.coalesce.sample;

import java.util.List;

/**
 * A post on the trending list: its views within the period asked for, and its views per day of the last
 * {@link TrendingService#SPARKLINE_DAYS} UTC days, oldest first (the sparkline).
 */
public record TrendingPost(long id, String title, long views, long uniqueViewers, long periodViews, List<Long> daily) {

    /** @return the sparkline of {@link #daily} as inline SVG */
    public io.quarkus.qute.RawString sparkline() {
        return Sparkline.svg(daily, title);
    }
}
