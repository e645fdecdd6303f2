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
        md.append(".\n\n**Headline**: against Go's singleflight, a bare CompletableFuture and no counting at all, each"
                + " measured in the same run; a metric of rounds shows their median and range, and a target is met only"
                + " when every round meets it.\n\n")
                .append("| metric | value | target | anchor | met |\n|---|---:|---|---|---|\n");
        for (String part : byPart.keySet()) {
            for (Parts.Target target : Parts.named(part).targets()) {
                Object value = all.get(target.metric());
                if (target.headline() && Rounds.from(value) != null) {
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
                            .append(met(target, entry.getValue(), all)).append(" |\n");
                }
            }
        }
        return md.toString();
    }

    private static String bound(Parts.Target target, Map<String, Object> all) {
        if (target.information()) {
            return "information";
        }
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
            // A metric of rounds by its median: its own row gives the range.
            Object shown = value instanceof Rounds rounds ? (Object) rounds.median() : value;
            metric.appendReplacement(text, Matcher.quoteReplacement(value == null ? "?" : format(shown)));
        }
        return metric.appendTail(text).toString();
    }

    /**
     * Met only when every round is on the right side of the bound; a bound that is itself a metric of rounds is taken
     * at its least favourable round.
     */
    private static String met(Parts.Target target, Object value, Map<String, Object> all) {
        if (target.information()) {
            return "";
        }
        Rounds rounds = Rounds.from(value);
        Object other = all.get(target.bound());
        if (rounds == null || other == null && !target.bound().matches("-?[0-9.]+")) {
            return "?"; // the bound's metric did not run
        }
        Rounds bound = other == null ? Rounds.from(Double.parseDouble(target.bound())) : Rounds.from(other);
        boolean met = switch (target.comparison()) {
            case "<=" -> rounds.max() <= bound.min();
            case ">=" -> rounds.min() >= bound.max();
            default -> rounds.min() == bound.max() && rounds.max() == bound.min();
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

    /** A number as the table shows it; a metric of rounds as its median and range: {@code 1.02 (0.98–1.04, 3 rounds)}. */
    static String format(Object value) {
        if (value instanceof Rounds rounds) {
            String median = format(rounds.median());
            if (rounds.spanned()) {
                return median + " (" + format(rounds.min()) + "–" + format(rounds.max()) + ", as far as the two"
                        + " metrics' rounds allow)";
            }
            return rounds.count() == 1 ? median + " (1 round)"
                    : median + " (" + format(rounds.min()) + "–" + format(rounds.max()) + ", " + rounds.count()
                            + " rounds)";
        }
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
