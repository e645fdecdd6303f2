package io.github.coalesce.runtime;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Durations as people write them in {@code application.properties}, for log lines and health details.
 * <p>
 * Internal: not part of the public API.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * @param duration a duration
     * @return {@code 1m5s}, {@code 250ms}: the ISO form without the {@code PT}, in lower case, to the millisecond
     *         below ten seconds and to the second above
     */
    public static String readable(Duration duration) {
        Duration rounded = duration.truncatedTo(duration.compareTo(Duration.ofSeconds(10)) < 0 ? ChronoUnit.MILLIS
                : ChronoUnit.SECONDS);
        return rounded.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
