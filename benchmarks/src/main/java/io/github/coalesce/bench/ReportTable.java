package io.github.coalesce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Markdown of {@code results.md}: the headline targets, then one table per part. */
final class ReportTable {

    private static final Pattern METRIC_IN_ANCHOR = Pattern.compile("\\{([a-z0-9_]+)}");

    private ReportTable() {
    }

    /**
     * @param byPart each part's metrics, in the order of the table
     * @param all every metric, for bounds and anchors that name another part's metric
     * @param facts descriptions for the header (databases, Go version, when each part ran)
     * @return the Markdown
     */
    static String markdown(Map<String, Map<String, Object>> byPart, Map<String, Object> all,
            Map<String, Object> facts) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(cpuModel()).append("; JDK ").append(System.getProperty("java.vm.vendor")).append(' ')
                .append(System.getProperty("java.runtime.version")).append("; ").append(LocalDate.now());
        facts.forEach((name, fact) -> md.append("; ").append(name.replace('_', ' ')).append(": ").append(fact));
        md.append(".\n\n**Headline**: against Go's singleflight and against a synchronous UPDATE per view.\n\n")
                .append("| metric | value | target | anchor | met |\n|---|---:|---|---|---|\n");
        for (String part : byPart.keySet()) {
            for (Parts.Target target : Parts.named(part).targets()) {
                if (target.headline() && all.get(target.metric()) instanceof Number value) {
                    md.append("| `").append(target.metric()).append("` | ").append(format(value)).append(" | ")
                            .append(bound(target, all)).append(" | ").append(anchor(target, all)).append(" | ")
                            .append(met(target, value, all)).append(" |\n");
                }
            }
        }
        for (Map.Entry<String, Map<String, Object>> part : byPart.entrySet()) {
            Parts.Part declared = Parts.named(part.getKey());
            md.append("\n**").append(part.getKey()).append("** — ").append(declared.title())
                    .append("\n\n| metric | value | target | met |\n|---|---:|---|---|\n");
            for (Map.Entry<String, Object> entry : part.getValue().entrySet()) {
                md.append("| `").append(entry.getKey()).append("` | ").append(format(entry.getValue())).append(" | ");
                Parts.Target target = declared.targets().stream().filter(t -> t.metric().equals(entry.getKey()))
                        .findFirst().orElse(null);
                if (target == null) {
                    md.append(" | |\n");
                } else {
                    md.append(bound(target, all)).append(" — ").append(anchor(target, all)).append(" | ")
                            .append(met(target, (Number) entry.getValue(), all)).append(" |\n");
                }
            }
        }
        return md.toString();
    }

    private static String bound(Parts.Target target, Map<String, Object> all) {
        return target.comparison() + " " + (all.containsKey(target.bound())
                ? "`" + target.bound() + "` (" + format(all.get(target.bound())) + ")"
                : target.bound());
    }

    /** The anchor's text, each {@code {metric}} replaced by that metric's value (or "?" when it did not run). */
    private static String anchor(Parts.Target target, Map<String, Object> all) {
        Matcher metric = METRIC_IN_ANCHOR.matcher(target.anchor());
        StringBuilder text = new StringBuilder();
        while (metric.find()) {
            Object value = all.get(metric.group(1));
            metric.appendReplacement(text, Matcher.quoteReplacement(value == null ? "?" : format(value)));
        }
        return metric.appendTail(text).toString();
    }

    private static String met(Parts.Target target, Number value, Map<String, Object> all) {
        Object other = all.get(target.bound());
        if (other == null && !target.bound().matches("-?[0-9.]+")) {
            return "?"; // the bound's metric did not run
        }
        double bound = other instanceof Number number ? number.doubleValue() : Double.parseDouble(target.bound());
        boolean met = switch (target.comparison()) {
            case "<=" -> value.doubleValue() <= bound;
            case ">=" -> value.doubleValue() >= bound;
            default -> value.doubleValue() == bound;
        };
        return met ? "yes" : "**no**";
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.exists(cpuinfo)) {
            return System.getProperty("os.arch");
        }
        return Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    }

    static String format(Object value) {
        if (!(value instanceof Number)) {
            return String.valueOf(value);
        }
        double number = ((Number) value).doubleValue();
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) number);
        }
        return String.format(Locale.ROOT, Math.abs(number) >= 100 ? "%,.0f" : "%.2f", number);
    }
}
