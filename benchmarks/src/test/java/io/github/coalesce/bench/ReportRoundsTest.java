package io.github.coalesce.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A target is met only when every round is on the right side of it, and ratios of one part's rounds go round by round. */
class ReportRoundsTest {

    private static final Parts.Ratio CPU = new Parts.Ratio("http_cpu_counting_vs_off_64",
            "http_cpu_us_per_request_counter_64", "http_cpu_us_per_request_off_64");

    @Test
    void aRatioOfRoundsTakenInTurnIsOnePerRound() {
        Rounds ratio = Report.ratio(CPU, cpu(new double[] { 100, 104, 112 }, new double[] { 100, 104, 96 }), true);
        assertArrayEquals(new double[] { 1.0, 1.0, 1.17 }, ratio.values());
    }

    @Test
    void aRatioOfRoundsOfDifferentPartsSpansWhatTheirRangesAllow() {
        Rounds ratio = Report.ratio(CPU, cpu(new double[] { 90, 100, 110 }, new double[] { 100, 100, 125 }), false);
        assertEquals(0.72, ratio.min());
        assertEquals(1.0, ratio.median());
        assertEquals(1.1, ratio.max());
        assertTrue(ratio.spanned());
    }

    @Test
    void aTargetWhoseMedianMeetsItIsNotMetUnlessEveryRoundDoes() throws Exception {
        assertTrue(row(new double[] { 1.0, 1.04, 1.12 }).matches(".*\\| 1\\.04 \\(1–1\\.12, 3 rounds\\) \\|.*\\*\\*no\\*\\*.*"),
                row(new double[] { 1.0, 1.04, 1.12 }));
        assertTrue(row(new double[] { 1.0, 1.04, 1.05 }).endsWith("| yes |"), row(new double[] { 1.0, 1.04, 1.05 }));
    }

    private static Map<String, Object> cpu(double[] counter, double[] off) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put(CPU.numerator(), new Rounds(counter));
        all.put(CPU.denominator(), new Rounds(off));
        return all;
    }

    /** @return the row of {@code http_cpu_counting_vs_off_64} (<= 1.05) in the http part's table */
    private static String row(double[] rounds) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(CPU.metric(), new Rounds(rounds));
        Map<String, Map<String, Object>> byPart = new LinkedHashMap<>();
        byPart.put("http", values);
        String markdown = ReportTable.markdown(byPart, values, new LinkedHashMap<>());
        return markdown.lines().filter(line -> line.startsWith("| `" + CPU.metric() + "` | ")).reduce((a, b) -> b)
                .orElseThrow();
    }
}
