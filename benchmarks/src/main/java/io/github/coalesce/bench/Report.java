package io.github.coalesce.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Merges what the parts wrote under {@code benchmarks/target} into {@code results.json} (a flat object, metric name →
 * number) and {@code results.md} (the table the README quotes: machine, JDK, date, the headline targets first, then
 * every metric grouped by part, each target with its anchor, met or not).
 * <p>
 * Usage: {@code Report DIR [PART…]}, the parts in the order of {@code run.sh}'s {@code ALL_PARTS} (else that of
 * {@link Parts#ALL}). The parts, their ratios and targets are declared in {@link Parts}: adding one is done there.
 */
public final class Report {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target");
        Set<String> names = new LinkedHashSet<>(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
        Parts.ALL.forEach(part -> names.add(part.name()));
        Map<String, Map<String, Object>> byPart = new LinkedHashMap<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        List<String> partsRun = new ArrayList<>();
        for (String name : names) {
            Path file = resultFile(dir, name);
            if (file == null) {
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            if (name.equals("jmh")) {
                jmh(file, values);
            } else {
                values.putAll(read(file));
            }
            // Descriptions (which database, which Go) go into the table's header; results.json holds numbers only.
            values.entrySet().removeIf(entry -> {
                if (entry.getValue() instanceof Number || entry.getValue() instanceof Rounds) {
                    return false;
                }
                facts.put(entry.getKey(), entry.getValue());
                return true;
            });
            byPart.put(name, values);
            partsRun.add(name + " " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(LocalDateTime.ofInstant(
                    Files.getLastModifiedTime(file).toInstant(), ZoneId.systemDefault())));
        }
        Map<String, Object> all = new LinkedHashMap<>();
        byPart.values().forEach(all::putAll);
        for (String name : byPart.keySet()) {
            for (Parts.Ratio ratio : Parts.named(name).ratios()) {
                Rounds value = ratio(ratio, all, sameFile(byPart, ratio));
                if (value != null) {
                    byPart.get(name).put(ratio.metric(), value);
                    all.put(ratio.metric(), value);
                }
            }
        }
        // When each part last ran: run.sh PART… re-runs some parts and keeps the others' results.
        facts.put("parts run", String.join(", ", partsRun));
        Files.writeString(dir.resolve("results.json"), Results.json().writeValueAsString(flat(all)));
        String markdown = ReportTable.markdown(byPart, all, facts);
        Files.writeString(dir.resolve("results.md"), markdown);
        System.out.println(markdown);
    }

    /**
     * A ratio of two metrics. Measured in the same rounds of one part (the same count of rounds in one file, which
     * the parts write only for rounds in which the two took turns): one ratio per round. Otherwise the median over the
     * median, and as its range the extremes the two ranges allow (lowest over highest, highest over lowest).
     *
     * @return the ratio, null when either metric is missing or the denominator is not positive
     */
    static Rounds ratio(Parts.Ratio ratio, Map<String, Object> all, boolean sameFile) {
        Rounds top = Rounds.from(all.get(ratio.numerator()));
        Rounds bottom = Rounds.from(all.get(ratio.denominator()));
        if (top == null || bottom == null || bottom.min() <= 0) {
            return null;
        }
        if (top.count() == bottom.count() && (sameFile || top.count() == 1)) {
            double[] each = new double[top.count()];
            for (int i = 0; i < each.length; i++) {
                each[i] = round(top.values()[i] / bottom.values()[i]);
            }
            return new Rounds(each);
        }
        if (top.count() == 1 || bottom.count() == 1) {
            double[] each = new double[Math.max(top.count(), bottom.count())];
            for (int i = 0; i < each.length; i++) {
                each[i] = round(top.values()[Math.min(i, top.count() - 1)]
                        / bottom.values()[Math.min(i, bottom.count() - 1)]);
            }
            return new Rounds(each);
        }
        return new Rounds(new double[] { round(top.min() / bottom.max()), round(top.median() / bottom.median()),
                round(top.max() / bottom.min()) }, true);
    }

    /** @return whether one part's file holds both metrics of the ratio */
    private static boolean sameFile(Map<String, Map<String, Object>> byPart, Parts.Ratio ratio) {
        return byPart.values().stream()
                .anyMatch(values -> values.containsKey(ratio.numerator()) && values.containsKey(ratio.denominator()));
    }

    /** results.json: metric → number, the median for a metric of rounds, with {@code _min} and {@code _max} beside. */
    private static Map<String, Object> flat(Map<String, Object> all) {
        Map<String, Object> flat = new LinkedHashMap<>();
        all.forEach((name, value) -> {
            if (value instanceof Rounds rounds) {
                flat.put(name, round(rounds.median()));
                if (rounds.count() > 1) {
                    flat.put(name + "_min", round(rounds.min()));
                    flat.put(name + "_max", round(rounds.max()));
                }
            } else {
                flat.put(name, value);
            }
        });
        return flat;
    }

    /** @return the part's file: {@code NAME.json}, else {@code NAME.properties}; null when the part has not run */
    private static Path resultFile(Path dir, String name) {
        for (String extension : List.of(".json", ".properties")) {
            if (Files.exists(dir.resolve(name + extension))) {
                return dir.resolve(name + extension);
            }
        }
        return null;
    }

    private static Map<String, Object> read(Path file) throws IOException {
        if (file.toString().endsWith(".json")) {
            Map<String, Object> values = new LinkedHashMap<>(Results.read(file));
            values.replaceAll((name, value) -> value instanceof List<?> list
                    ? Rounds.of(list.stream().map(Number.class::cast).toList())
                    : value);
            return values;
        }
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        Map<String, Object> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted()
                .forEach(name -> values.put(name, number(properties.getProperty(name))));
        return values;
    }

    private static void jmh(Path file, Map<String, Object> values) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Map<String, String> names = Map.ofEntries(
                Map.entry("CoalesceBenchmark.direct", "direct_call"),
                Map.entry("CoalesceBenchmark.coalesce", "coalesce_uncontended"),
                Map.entry("CoalesceBenchmark.caffeineAsyncCache", "caffeine_async_cache"),
                Map.entry("CoalesceBenchmark.handRolledMap", "hand_rolled_map"),
                Map.entry("RecordBenchmark.recordHotId", "record_ns_hot_id"),
                Map.entry("RecordBenchmark.record10kIds", "record_ns_10k_ids"),
                Map.entry("RecordBenchmark.recordBrowserUserAgent", "record_ns_browser_user_agent"),
                Map.entry("RecordBenchmark.atomicLong", "atomic_long_ns"),
                Map.entry("ViewerRecordBenchmark.recordBrowserViewerHotPair", "record_ns_viewers_browser_hot_pair"),
                Map.entry("ViewerRecordBenchmark.recordBrowserViewer10kPosts", "record_ns_viewers_browser_10k_posts"),
                Map.entry("ViewerCooldownBenchmark.recordNewPairs", "record_ns_viewers_new_pair_cooldown_on"),
                Map.entry("ViewerCooldownBenchmark.recordReloadWithinCooldown",
                        "record_ns_viewers_reload_within_cooldown"),
                Map.entry("BotFilterBenchmark.newString", "bot_filter_ns_new_string"),
                Map.entry("BotFilterBenchmark.newStringThroughFilter", "bot_filter_ns_new_string_browser"),
                Map.entry("BotFilterBenchmark.automatonOnly", "bot_filter_ns_first_seen_browser"),
                Map.entry("DistinctKeysBenchmark.oneThread", "distinct_keys_ops_per_s_1_thread"),
                Map.entry("DistinctKeysBenchmark.twoThreads", "distinct_keys_ops_per_s"));
        for (JsonNode run : Results.json().readTree(file.toFile())) {
            String benchmark = run.get("benchmark").asText();
            String simple = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            String name = names.get(simple);
            if (name == null) {
                continue;
            }
            // Each measured iteration is a round: the table gives their median and range.
            Rounds score = iterations(run.get("primaryMetric"));
            JsonNode secondary = run.path("secondaryMetrics");
            // JMH 1.37 names it "gc.alloc.rate.norm"; older versions put a "·" in front.
            JsonNode alloc = secondary.has("gc.alloc.rate.norm") ? secondary.path("gc.alloc.rate.norm")
                    : secondary.path("·gc.alloc.rate.norm");
            if (simple.startsWith("CoalesceBenchmark")) {
                values.put(name + "_ns", score);
                values.put(name.replace("_uncontended", "") + "_bytes_per_op", iterations(alloc));
            } else if (simple.startsWith("RecordBenchmark")) {
                values.put(name, score);
                values.put(name.replace("_ns", "_bytes_per_op"), iterations(alloc));
            } else {
                values.put(name, score);
            }
        }
        if (values.get("coalesce_uncontended_ns") instanceof Rounds coalesce
                && values.get("direct_call_ns") instanceof Rounds direct && coalesce.count() == direct.count()) {
            double[] overhead = new double[coalesce.count()];
            for (int i = 0; i < overhead.length; i++) {
                overhead[i] = round(coalesce.values()[i] - direct.values()[i]);
            }
            values.put("coalesce_overhead_ns", new Rounds(overhead));
        }
    }

    /** @return the iterations of a JMH metric (every fork's), rounded to 0.01 */
    private static Rounds iterations(JsonNode metric) {
        List<Double> each = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            fork.forEach(iteration -> each.add(round(iteration.asDouble())));
        }
        return each.isEmpty() ? Rounds.from(round(metric.path("score").asDouble())) : Rounds.of(each);
    }

    /** @return a number, the {@link Rounds} of numbers separated by spaces, or else the text itself */
    private static Object number(String text) {
        try {
            String[] rounds = text.strip().split("\\s+");
            if (rounds.length > 1) {
                return new Rounds(Arrays.stream(rounds).mapToDouble(Double::parseDouble).toArray());
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
