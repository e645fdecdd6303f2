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
                if (entry.getValue() instanceof Number) {
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
                if (all.get(ratio.numerator()) instanceof Number top
                        && all.get(ratio.denominator()) instanceof Number bottom && bottom.doubleValue() > 0) {
                    double value = round(top.doubleValue() / bottom.doubleValue());
                    byPart.get(name).put(ratio.metric(), value);
                    all.put(ratio.metric(), value);
                }
            }
        }
        // When each part last ran: run.sh PART… re-runs some parts and keeps the others' results.
        facts.put("parts run", String.join(", ", partsRun));
        Files.writeString(dir.resolve("results.json"), Results.json().writeValueAsString(all));
        String markdown = ReportTable.markdown(byPart, all, facts);
        Files.writeString(dir.resolve("results.md"), markdown);
        System.out.println(markdown);
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
            return Results.read(file);
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
            double score = run.get("primaryMetric").get("score").asDouble();
            JsonNode secondary = run.path("secondaryMetrics");
            // JMH 1.37 names it "gc.alloc.rate.norm"; older versions put a "·" in front.
            JsonNode alloc = secondary.has("gc.alloc.rate.norm") ? secondary.path("gc.alloc.rate.norm").path("score")
                    : secondary.path("·gc.alloc.rate.norm").path("score");
            if (simple.startsWith("CoalesceBenchmark")) {
                values.put(name + "_ns", round(score));
                values.put(name.replace("_uncontended", "") + "_bytes_per_op", round(alloc.asDouble()));
            } else if (simple.startsWith("BotFilterBenchmark")) {
                values.put(name, round(score));
            } else if (simple.startsWith("RecordBenchmark")) {
                values.put(name, round(score));
                values.put(name.replace("_ns", "_bytes_per_op"), round(alloc.asDouble()));
            } else {
                values.put(name, Math.round(score));
            }
        }
        if (values.containsKey("coalesce_uncontended_ns") && values.containsKey("direct_call_ns")) {
            values.put("coalesce_overhead_ns", round((Double) values.get("coalesce_uncontended_ns")
                    - (Double) values.get("direct_call_ns")));
        }
    }

    private static Object number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
