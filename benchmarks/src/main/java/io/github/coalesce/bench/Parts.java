package io.github.coalesce.bench;

import java.util.List;

/**
 * The parts of {@code benchmarks/run.sh} as the report shows them: title, the ratios it derives, the targets.
 * <p>
 * <b>Adding a part</b>: a function {@code part_NAME} in {@code run.sh} that writes {@code benchmarks/target/NAME.json}
 * (a flat object, metric → number or the list of its rounds; {@code NAME.properties} for a shell script, rounds
 * separated by spaces: see {@link Rounds}), its name in {@code ALL_PARTS} there,
 * and one entry in {@link #ALL} here with its targets (a part without an entry still shows, under its name, without
 * targets). A target's bound is a number or another metric; it is met only when every round is on its right side; its
 * anchor says what it is measured against, and
 * {@code {metric}} in the anchor shows that metric's value. Headline targets also head the table.
 */
final class Parts {

    /** A ratio the report computes from two metrics, which may come from different parts. */
    record Ratio(String metric, String numerator, String denominator) {
    }

    /**
     * A target: the metric, how it compares ({@code <=}, {@code >=}, {@code ==}; {@code info} for a row shown with its
     * anchor and no bound), the bound, its anchor. Met only when every round of the metric is on the right side.
     */
    record Target(String metric, String comparison, String bound, String anchor, boolean headline) {
        boolean information() {
            return comparison.equals("info");
        }
    }

    record Part(String name, String title, List<Ratio> ratios, List<Target> targets) {
    }

    static final List<Part> ALL = List.of(
            new Part("jmh", "JMH: an uncontended call, distinct keys, record(), the bot filter (rounds: iterations)",
                    List.of(), List.of(
                            target("coalesce_overhead_ns", "<=", "150", "over a direct call ({direct_call_ns} ns)"),
                            target("coalesce_uncontended_ns", "<=", "caffeine_async_cache_ns",
                                    "Caffeine AsyncCache.get with the entry removed once complete"),
                            target("coalesce_bytes_per_op", "<=", "88",
                                    "Go singleflight Do, 1 object ({go_uncontended_bytes_per_op} B in this run)"),
                            target("record_ns_hot_id", "<=", "50", "AtomicLong.incrementAndGet: {atomic_long_ns} ns"),
                            target("record_ns_10k_ids", "<=", "50", "AtomicLong.incrementAndGet: {atomic_long_ns} ns"),
                            target("record_bytes_per_op_hot_id", "<=", "0.1", "no allocation on an id already pending"
                                    + " (JMH spreads one GC's bytes over billions of calls: a few hundredths)"),
                            target("record_ns_browser_user_agent", "<=", "100",
                                    "a browser's view through the bot filter; record_ns_hot_id: {record_ns_hot_id} ns"),
                            target("bot_filter_ns_first_seen_browser", "<=", "1000",
                                    "a User-Agent the filter has not seen: the whole matcher, list and rules"),
                            target("record_ns_viewers_browser_hot_pair", "<=", "100", "viewer relation on, a browser's"
                                    + " viewer; relation off: {record_ns_browser_user_agent} ns"),
                            target("record_ns_viewers_new_pair_cooldown_on", "<=", "100",
                                    "viewer relation and cooldown on, each view a new (post, viewer) pair"),
                            target("record_ns_viewers_reload_within_cooldown", "<=", "100",
                                    "viewer relation and cooldown on, a reload within the cooldown"))),
            new Part("go", "Go golang.org/x/sync/singleflight, the same work in the same run", List.of(
                    new Ratio("coalesce_vs_go_uncontended", "coalesce_uncontended_ns", "go_uncontended_ns"),
                    new Ratio("coalesce_vs_go_distinct_keys_2t", "distinct_keys_ops_per_s",
                            "go_distinct_keys_ops_per_s"),
                    new Ratio("herd_wakeup_p99_vs_go_16", "herd_follower_overhead_p99_us_16",
                            "go_herd_follower_overhead_p99_us_16"),
                    new Ratio("herd_wakeup_p99_vs_go_256", "herd_follower_overhead_p99_us_256",
                            "go_herd_follower_overhead_p99_us_256")),
                    List.of(
                            headline("coalesce_vs_go_uncontended", "<=", "0.75",
                                    "uncontended call: {coalesce_uncontended_ns} ns vs Go Do {go_uncontended_ns} ns"),
                            headline("coalesce_vs_go_distinct_keys_2t", ">=", "1.0",
                                    "calls/s, 2 threads, distinct keys: {distinct_keys_ops_per_s} vs Go"
                                            + " {go_distinct_keys_ops_per_s}"),
                            information("herd_wakeup_p99_vs_go_16", "follower wake-up p99, herd of 16:"
                                    + " {herd_follower_overhead_p99_us_16} µs vs Go"
                                    + " {go_herd_follower_overhead_p99_us_16} µs (the JDK's scheduler bounds it; the"
                                    + " target is against the bare CompletableFuture, herd part)", true),
                            information("herd_wakeup_p99_vs_go_256", "follower wake-up p99, herd of 256:"
                                    + " {herd_follower_overhead_p99_us_256} µs vs Go"
                                    + " {go_herd_follower_overhead_p99_us_256} µs", true))),
            new Part("herd", "herd: 1, 16, 256 callers on one key of a 20 ms method", List.of(
                    new Ratio("herd_wakeup_p99_vs_bare_future_16", "herd_follower_overhead_p99_us_16",
                            "herd_floor_bare_future_p99_us_16"),
                    new Ratio("herd_wakeup_p99_vs_bare_future_256", "herd_follower_overhead_p99_us_256",
                            "herd_floor_bare_future_p99_us_256")),
                    List.of(target("herd_executions_1", "==", "1", "one execution serves the herd (each of 120 rounds)"),
                            target("herd_executions_16", "==", "1", "one execution serves the herd"),
                            target("herd_executions_256", "==", "1", "one execution serves the herd"),
                            headline("herd_wakeup_p99_vs_bare_future_16", "<=", "1.1",
                                    "follower wake-up p99, herd of 16, per block of 40 rounds, the two herds in turn:"
                                            + " {herd_follower_overhead_p99_us_16} µs vs the same herd on a bare"
                                            + " CompletableFuture {herd_floor_bare_future_p99_us_16} µs"),
                            headline("herd_wakeup_p99_vs_bare_future_256", "<=", "1.1",
                                    "the same, herd of 256: {herd_follower_overhead_p99_us_256} µs vs"
                                            + " {herd_floor_bare_future_p99_us_256} µs"))),
            new Part("interceptor", "through the CDI interceptor, in a booted Quarkus application", List.of(), List.of(
                    target("interceptor_overhead_ns", "<=", "150",
                            "over the same bean without @Coalesce ({interceptor_direct_ns} ns), round by round"),
                    target("interceptor_principal_extra_ns", "<=", "30",
                            "the principal in the key, over the unscoped call ({interceptor_coalesce_ns} ns)"))),
            new Part("pending", "memory per pending view, and the Go pattern's caller cost", List.of(), List.of()),
            new Part("flush", "flush: unnest chunks vs addBatch", List.of(), List.of(
                    target("flush_rows_per_s", ">=", "300000",
                            "JDBC addBatch, same chunks: {flush_addbatch_rows_per_s} rows/s"))),
            new Part("viewers", "the viewer relation on: flush of (post, viewer) pairs and record() with a viewer",
                    List.of(new Ratio("viewers_flush_vs_insert_floor", "viewers_flush_pairs_per_s",
                            "viewers_insert_floor_pairs_per_s")),
                    List.of(target("viewers_flush_vs_insert_floor", ">=", "0.3",
                            "viewer relation on, 4 writers, readers in turn: {viewers_flush_pairs_per_s} pairs/s vs a"
                                    + " bare INSERT of the same pairs, round by round in turn:"
                                    + " {viewers_insert_floor_pairs_per_s}; posts in turn:"
                                    + " {viewers_flush_pairs_per_s_posts_in_turn}"))),
            new Part("http-collapse", "HTTP request collapsing: 256-GET bursts, and a selected endpoint that never"
                    + " collides",
                    List.of(new Ratio("http_collapse_never_colliding_vs_unselected",
                            "http_collapse_never_colliding_rps", "http_collapse_unselected_rps")),
                    List.of(
                            target("http_collapse_executions", "==", "1", "256 concurrent GET /feed.xml (200 ms each),"
                                    + " released together on open connections; each of 3 bursts"),
                            target("http_collapse_collapsed_answers", "==", "255", "every follower says collapsed"),
                            target("http_collapse_distinct_bodies", "==", "1", "256 byte-identical bodies"),
                            target("http_collapse_never_colliding_vs_unselected", ">=", "0.95",
                                    "/p/<id>, distinct ids, ABBA rounds: {http_collapse_never_colliding_rps} req/s vs"
                                            + " collapsing off {http_collapse_unselected_rps}"))),
            new Part("cluster", "across instances: herds of 3 x 50 on one Redis, and a lone CLUSTER call", List.of(
                    new Ratio("cluster_wakeup_p99_vs_redis_round_trip_after_idle", "cluster_wakeup_p99_ms",
                            "redis_round_trip_after_idle_p99_ms")),
                    List.of(target("cluster_herd_executions", "==", "1", "each of 20 herds, 3 instances"),
                            target("cluster_wakeup_p99_vs_redis_round_trip_after_idle", "<=", "3",
                                    "one request per instance, the protocol's wake-up alone: p99"
                                            + " {cluster_wakeup_p99_ms} ms vs one bare Redis round trip after the"
                                            + " same idle gap (the method's 100 ms), in turn with it, per block of 30"
                                            + " rounds: {redis_round_trip_after_idle_p99_ms} ms"),
                            information("cluster_follower_overhead_p99_ms", "herds of 3 x 50: an answer's end beyond"
                                    + " the round's first (the leader's); the same herds on a LOCAL method:"
                                    + " {local_herd_spread_p99_ms} ms", false))),
            new Part("soak", "soak: mixed traffic (reads, metadata bursts, writes) for minutes at 64 clients",
                    List.of(), List.of(target("soak_errors", "==", "0", "every request answered as expected"),
                            target("soak_views_lost", "==", "0", "views answered 200 against sum(post.views)"),
                            target("soak_heap_after_gc_drift", "<=", "1.1", "last minute against the second"),
                            target("soak_threads_drift", "<=", "1.1", "last minute against the second"),
                            target("soak_p99_worst_vs_median_after_warm_up", "<=", "1.1",
                                    "the worst minute's p99 after two of warm-up against their median"
                                            + " ({soak_p99_ms_first_minute} ms in the first)"))),
            new Part("http", "HTTP: the sample app under wrk, 100 posts in turn and the viral post", List.of(
                    // CPU per request (app + its PostgreSQL backends) is what bounds throughput on 2 cores, and it
                    // hardly moves with the machine's other load: the metric of record. Requests/s: information.
                    new Ratio("http_cpu_counting_vs_off_64", "http_cpu_us_per_request_counter_64",
                            "http_cpu_us_per_request_off_64"),
                    new Ratio("http_cpu_naive_vs_counting_64", "http_cpu_us_per_request_naive_64",
                            "http_cpu_us_per_request_counter_64"),
                    new Ratio("http_hot_cpu_counting_vs_off_64", "http_hot_cpu_us_per_request_counter_64",
                            "http_hot_cpu_us_per_request_off_64"),
                    new Ratio("http_hot_cpu_naive_vs_counting_64", "http_hot_cpu_us_per_request_naive_64",
                            "http_hot_cpu_us_per_request_counter_64"),
                    new Ratio("http_counting_vs_off_64", "http_rps_counter_64", "http_rps_off_64"),
                    new Ratio("http_counting_vs_naive_64", "http_rps_counter_64", "http_rps_naive_64"),
                    // No way of counting serves more than not counting at all: the ceiling of the ratio above.
                    new Ratio("http_off_vs_naive_64", "http_rps_off_64", "http_rps_naive_64"),
                    new Ratio("http_hot_counting_vs_off_64", "http_hot_rps_counter_64", "http_hot_rps_off_64"),
                    new Ratio("http_hot_counting_vs_naive_64", "http_hot_rps_counter_64", "http_hot_rps_naive_64"),
                    new Ratio("http_hot_off_vs_naive_64", "http_hot_rps_off_64", "http_hot_rps_naive_64")),
                    List.of(
                            headline("http_cpu_counting_vs_off_64", "<=", "1.05", "100 posts, 64 connections, CPU"
                                    + " per request (app + PostgreSQL), rounds in turn: counter (viewer relation on)"
                                    + " {http_cpu_us_per_request_counter_64} µs vs no counting"
                                    + " {http_cpu_us_per_request_off_64} µs"),
                            headline("http_hot_cpu_counting_vs_off_64", "<=", "1.05", "the viral post, 64"
                                    + " connections, CPU per request: {http_hot_cpu_us_per_request_counter_64} µs vs"
                                    + " no counting {http_hot_cpu_us_per_request_off_64} µs"),
                            headline("db_statements_per_10k_views", "<=", "2", "counter, 100 posts, 64"
                                    + " connections, per round: flush statements per 10 000 views written; one UPDATE"
                                    + " per view: 10 000"),
                            information("http_cpu_naive_vs_counting_64", "100 posts: what one UPDATE per view"
                                    + " costs per request over counting ({http_cpu_us_per_request_naive_64} µs); the"
                                    + " viral post: {http_hot_cpu_naive_vs_counting_64}", true),
                            information("http_counting_vs_off_64", "req/s, 100 posts: {http_rps_counter_64} vs"
                                    + " {http_rps_off_64}; viral post: {http_hot_counting_vs_off_64}", false),
                            information("http_counting_vs_naive_64", "req/s, 100 posts: vs one UPDATE per view"
                                    + " {http_rps_naive_64}; ceiling (no counting): {http_off_vs_naive_64}; viral"
                                    + " post: {http_hot_counting_vs_naive_64}", false))),
            new Part("http-viewers", "HTTP with the viewer relation on: 100 posts read by 20 000 readers"
                    + " (X-Forwarded-For), cooldown 10m, 64 connections",
                    List.of(
                            new Ratio("http_viewers_cpu_counting_vs_off_64", "http_viewers_cpu_us_per_request_viewers_64",
                                    "http_viewers_cpu_us_per_request_off_64"),
                            new Ratio("http_viewers_cpu_plain_vs_off_64", "http_viewers_cpu_us_per_request_plain_64",
                                    "http_viewers_cpu_us_per_request_off_64"),
                            new Ratio("http_viewers_counting_vs_off_64", "http_viewers_rps_viewers_64",
                                    "http_viewers_rps_off_64"),
                            // The plain counter (relation off) against no counting, and what the relation adds to it.
                            new Ratio("http_viewers_plain_vs_off_64", "http_viewers_rps_plain_64",
                                    "http_viewers_rps_off_64"),
                            new Ratio("http_viewers_relation_vs_plain_64", "http_viewers_rps_viewers_64",
                                    "http_viewers_rps_plain_64")),
                    List.of(headline("http_viewers_cpu_counting_vs_off_64", "<=", "1.05",
                            "relation on, cooldown 10m, distinct viewers by X-Forwarded-For (9 requests in 10 a new"
                                    + " (post, viewer) pair), 64 connections, CPU per request (app + PostgreSQL),"
                                    + " rounds in turn: {http_viewers_cpu_us_per_request_viewers_64} µs vs no counting"
                                    + " {http_viewers_cpu_us_per_request_off_64} µs; the plain counter:"
                                    + " {http_viewers_cpu_plain_vs_off_64}"),
                            information("http_viewers_counting_vs_off_64", "req/s: {http_viewers_rps_viewers_64} vs"
                                    + " no counting {http_viewers_rps_off_64}; the plain counter:"
                                    + " {http_viewers_plain_vs_off_64}", false))),
            new Part("run", "run.sh itself: each part's wall time, in seconds", List.of(), List.of(
                    target("run_seconds_total", "<=", "900",
                            "every part but the soak, the build included (15 minutes on 2 cores)"))));

    private Parts() {
    }

    private static Target target(String metric, String comparison, String bound, String anchor) {
        return new Target(metric, comparison, bound, anchor, false);
    }

    private static Target headline(String metric, String comparison, String bound, String anchor) {
        return new Target(metric, comparison, bound, anchor, true);
    }

    /** A row shown beside the targets, with its anchor, that no bound decides. */
    private static Target information(String metric, String anchor, boolean headline) {
        return new Target(metric, "info", "", anchor, headline);
    }

    /** @return the entry of the part, or a bare one (its name as title, no targets) for a part without an entry */
    static Part named(String name) {
        return ALL.stream().filter(part -> part.name.equals(name)).findFirst()
                .orElse(new Part(name, name, List.of(), List.of()));
    }
}
