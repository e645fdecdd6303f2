package io.github.coalesce.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Merges what the harnesses wrote under {@code benchmarks/target} into {@code results.json} (a flat object, metric
 * name → number) and {@code results.md} (the table the README quotes, with machine, JDK, date and each target).
 */
public final class Report {

    /** A target of the benchmarks issue: metric, how it compares, the bound (or another metric's name). */
    private record Target(String metric, String comparison, String bound, String note) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("coalesce_overhead_ns", "<=", "150", "over a direct call"),
            new Target("coalesce_uncontended_ns", "<=", "caffeine_async_cache_ns", "no worse than Caffeine"),
            new Target("coalesce_bytes_per_op", "<=", "88", "Go singleflight Do: 1 alloc, 88 B/op"),
            new Target("interceptor_overhead_ns", "<=", "150", "through the CDI interceptor"),
            new Target("herd_executions_1", "==", "1", ""),
            new Target("herd_executions_16", "==", "1", ""),
            new Target("herd_executions_256", "==", "1", ""),
            new Target("record_ns_hot_id", "<=", "50", ""),
            new Target("record_ns_10k_ids", "<=", "50", ""),
            new Target("record_bytes_per_op_hot_id", "==", "0", "0 allocations on an id already pending"),
            new Target("flush_rows_per_s", ">=", "300000", ""),
            new Target("http_counting_vs_off_64", ">=", "0.95", ""),
            new Target("http_counting_vs_naive_64", ">=", "5", ""),
            new Target("viewers_flush_pairs_per_s", ">=", "200000", "viewer relation on, 4 writers"),
            new Target("record_ns_viewers_browser_hot_pair", "<=", "100", "viewer relation on, a browser's viewer"));

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target");
        Map<String, Object> values = new LinkedHashMap<>();
        jmh(dir.resolve("jmh.json"), values);
        for (String part : List.of("interceptor", "herd", "pending", "flush", "viewers")) {
            values.putAll(Results.read(dir.resolve(part + ".json")));
        }
        Path http = dir.resolve("http.properties");
        if (Files.exists(http)) {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(http)));
            properties.stringPropertyNames().stream().sorted()
                    .forEach(name -> values.put(name, number(properties.getProperty(name))));
            ratio(values, "http_counting_vs_off_64", "http_rps_counter_64", "http_rps_off_64");
            ratio(values, "http_counting_vs_naive_64", "http_rps_counter_64", "http_rps_naive_64");
            // No way of counting serves more than not counting at all: the ceiling of the ratio above.
            ratio(values, "http_off_vs_naive_64", "http_rps_off_64", "http_rps_naive_64");
        }
        // Descriptions (which database) go into the table's header; results.json holds numbers only.
        Map<String, Object> facts = new LinkedHashMap<>(values);
        facts.values().removeIf(value -> value instanceof Number);
        values.keySet().removeAll(facts.keySet());
        facts.put("parts run", partsRun(dir));
        Files.writeString(dir.resolve("results.json"), Results.json().writeValueAsString(values));
        String markdown = markdown(values, facts);
        Files.writeString(dir.resolve("results.md"), markdown);
        System.out.println(markdown);
    }

    /**
     * When each part last ran: {@code run.sh PART…} re-runs some parts and keeps the others' results, so the table
     * says which numbers are from when.
     */
    private static String partsRun(Path dir) throws IOException {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        List<String> parts = new ArrayList<>();
        for (String file : List.of("jmh.json", "herd.json", "interceptor.json", "pending.json", "flush.json",
                "viewers.json", "http.properties")) {
            Path result = dir.resolve(file);
            if (Files.exists(result)) {
                parts.add(file.substring(0, file.indexOf('.')) + " " + time.format(LocalDateTime.ofInstant(
                        Files.getLastModifiedTime(result).toInstant(), ZoneId.systemDefault())));
            }
        }
        return String.join(", ", parts);
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
            } else if (simple.startsWith("RecordBenchmark") || simple.startsWith("ViewerRecordBenchmark")) {
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

    private static void ratio(Map<String, Object> values, String name, String numerator, String denominator) {
        if (values.get(numerator) instanceof Number top && values.get(denominator) instanceof Number bottom
                && bottom.doubleValue() > 0) {
            values.put(name, round(top.doubleValue() / bottom.doubleValue()));
        }
    }

    private static String markdown(Map<String, Object> values, Map<String, Object> facts) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(cpuModel()).append("; JDK ").append(System.getProperty("java.vm.vendor")).append(' ')
                .append(System.getProperty("java.runtime.version")).append("; ").append(LocalDate.now());
        facts.forEach((name, fact) -> md.append("; ").append(name.replace('_', ' ')).append(": ").append(fact));
        md.append(".\n\n| metric | value | target | met |\n|---|---:|---|---|\n");
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            Target target = TARGETS.stream().filter(t -> t.metric.equals(entry.getKey())).findFirst().orElse(null);
            md.append("| `").append(entry.getKey()).append("` | ").append(format(entry.getValue())).append(" | ");
            if (target == null) {
                md.append(" | |\n");
                continue;
            }
            double bound = values.get(target.bound) instanceof Number other ? other.doubleValue()
                    : Double.parseDouble(target.bound);
            double value = ((Number) entry.getValue()).doubleValue();
            boolean met = switch (target.comparison) {
                case "<=" -> value <= bound;
                case ">=" -> value >= bound;
                default -> value == bound;
            };
            md.append(target.comparison).append(' ').append(values.containsKey(target.bound)
                    ? "`" + target.bound + "` (" + format(values.get(target.bound)) + ")" : target.bound);
            if (!target.note.isEmpty()) {
                md.append(" — ").append(target.note);
            }
            md.append(" | ").append(met ? "yes" : "**no**").append(" |\n");
        }
        return md.toString();
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.exists(cpuinfo)) {
            return System.getProperty("os.arch");
        }
        return Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    }

    private static String format(Object value) {
        double number = ((Number) value).doubleValue();
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) number);
        }
        return String.format(Locale.ROOT, Math.abs(number) >= 100 ? "%,.0f" : "%.2f", number);
    }

    private static Object number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
