package io.github.coalesce.bench;

import java.util.Arrays;
import java.util.List;

/**
 * A metric measured in rounds: what it is reported as (the median) and how far its rounds spread (min–max). A part
 * writes them as a JSON array ({@code "metric": [r1, r2, r3]}) or, from a shell script, as numbers separated by
 * spaces ({@code metric=r1 r2 r3}); {@link Report} reads either into this.
 */
record Rounds(double[] values, boolean spanned) {

    /**
     * @param values the rounds
     * @param spanned whether the values are not rounds but the lowest, median and highest a ratio of two metrics
     *        measured apart can take (see {@code Report.ratio})
     */
    Rounds {
        if (values.length == 0) {
            throw new IllegalArgumentException("no rounds");
        }
        values = values.clone();
    }

    Rounds(double[] values) {
        this(values, false);
    }

    static Rounds of(List<? extends Number> values) {
        return new Rounds(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** @return the rounds of {@code value} (a {@code Rounds}, or a number as one round), null for anything else */
    static Rounds from(Object value) {
        if (value instanceof Rounds rounds) {
            return rounds;
        }
        return value instanceof Number number ? new Rounds(new double[] { number.doubleValue() }) : null;
    }

    /** @return the median (of an even count, the mean of the middle two) */
    double median() {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double min() {
        return Arrays.stream(values).min().orElseThrow();
    }

    double max() {
        return Arrays.stream(values).max().orElseThrow();
    }

    int count() {
        return values.length;
    }
}
