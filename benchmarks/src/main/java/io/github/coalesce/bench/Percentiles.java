package io.github.coalesce.bench;

import java.util.Arrays;

/** The order statistics the harnesses report, computed one way everywhere. */
final class Percentiles {

    /** @return the nearest-rank {@code p} percentile of values already sorted ascending, 0 when there are none */
    static double nearestRank(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** @return the upper median of {@code values} (left unchanged) */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private Percentiles() {
    }
}
