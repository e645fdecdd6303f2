package io.github.coalesce.sample;

import java.util.List;
import java.util.Locale;

import io.quarkus.qute.RawString;

/** A small inline SVG line chart of daily views: no script, no image request, readable by screen readers. */
final class Sparkline {

    static final int WIDTH = 140;
    static final int HEIGHT = 28;
    private static final int PAD = 2;

    private Sparkline() {
    }

    /**
     * @param values one value per day, oldest first
     * @param title what the values are about, for the accessible label
     * @return an {@code <svg>} element with a filled area, the line and a dot on the last day
     */
    static RawString svg(List<Long> values, String title) {
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        int n = Math.max(2, values.size());
        StringBuilder line = new StringBuilder();
        double x = PAD;
        double y = HEIGHT - PAD;
        for (int i = 0; i < values.size(); i++) {
            x = PAD + i * (WIDTH - 2.0 * PAD) / (n - 1);
            y = HEIGHT - PAD - values.get(i) * (HEIGHT - 2.0 * PAD) / max;
            line.append(i == 0 ? "" : " ").append(format(x)).append(',').append(format(y));
        }
        String label = "Views per day over the last " + values.size() + " days of " + escape(title) + ": "
                + values.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("none");
        return new RawString("<svg class=\"sparkline\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" width=\"" + WIDTH
                + "\" height=\"" + HEIGHT + "\" role=\"img\" aria-label=\"" + label + "\">"
                + "<title>" + label + "</title>"
                + "<polygon class=\"area\" points=\"" + PAD + "," + (HEIGHT - PAD) + " " + line + " " + format(x) + ","
                + (HEIGHT - PAD) + "\"/>"
                + "<polyline class=\"line\" points=\"" + line + "\"/>"
                + "<circle class=\"last\" cx=\"" + format(x) + "\" cy=\"" + format(y) + "\" r=\"2\"/></svg>");
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
