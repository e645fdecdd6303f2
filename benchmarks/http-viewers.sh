#!/usr/bin/env bash
# The http-viewers part of benchmarks/run.sh (which builds everything first): what the viewer relation costs a request
# when its readers are many. The packaged sample app three times at once, behind a trusted proxy (wrk, on loopback),
# each on its own database: view counting off; the plain counter (relation off); the counter with the relation on as
# application.properties configures it. All with the default cooldown of 10 minutes. wrk (wrk/viewers.lua) reads the
# 100 posts in turn, each request from a reader of its own (X-Forwarded-For out of 20 000 addresses), so that 9 in 10
# requests are a (post, viewer) pair the flush inserts and 1 in 10 a reload the in-memory cooldown filters out.
# Writes OUT/http-viewers.properties (metric=value); fails when the apps' metrics show that the relation wrote no pairs,
# saw one viewer per post, that the plain counter wrote pairs or that no reload was filtered, or when post_viewer
# disagrees.
# Usage: benchmarks/http-viewers.sh OUT_DIR   (with JAVA set to a java command line with the benchmarks' classpath)
set -euo pipefail
mkdir -p "${1:?usage: benchmarks/http-viewers.sh OUT_DIR}"
OUT=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
: "${JAVA:?JAVA must be the java command line with the benchmarks classpath, as benchmarks/run.sh sets it}"
# shellcheck source=benchmarks/sample-app.sh
source benchmarks/sample-app.sh
# shellcheck source=benchmarks/http-measure.sh
source benchmarks/http-measure.sh
trap stop_benchmark_processes EXIT

PROPERTIES=$OUT/http-viewers.properties
LUA=benchmarks/wrk/viewers.lua
MODES="off plain viewers"
duration=${BENCH_HTTP_SECONDS:-5}
warm_up=${BENCH_HTTP_VIEWERS_WARMUP_SECONDS:-20}
rounds=3
rm -f "$PROPERTIES" "$PROPERTIES.failed" "$OUT"/wrk-viewers-*.txt

echo "== http-viewers: the sample app with counting off / the plain counter / the viewer relation, cooldown 10m,"
echo "   20 000 readers by X-Forwarded-For; 64 connections"
# Databases of its own (not http.sh's bench_off...), so that the part can run beside the others on one server.
start_bench_database http-viewers bench_viewers_off bench_viewers_plain bench_viewers_viewers
declare -A URL=() PID=() OPTIONS=()
OPTIONS[off]="-Dblog.views.mode=off"
OPTIONS[plain]="-Dblog.views.mode=counter -Dquarkus.coalesce.view-counter.viewers.enabled=false"
OPTIONS[viewers]="-Dblog.views.mode=counter"
# As http.sh: a fixed heap, pools of 30 (three apps within a server's default max_connections of 100). The proxy
# settings are the ones the sample's application.properties and the view counter docs page (docs/modules/ROOT/pages/view-counter.adoc) give for a load balancer, with
# wrk's 127.0.0.1 as the trusted proxy. Each app spills to a file of its own (launch_sample_app's).
for mode in $MODES; do
    # shellcheck disable=SC2086
    launch_sample_app "viewers-$mode" "bench_viewers_$mode" -Xms512m -Xmx512m -Dquarkus.datasource.jdbc.max-size=30 \
        -Dquarkus.coalesce.view-counter.cooldown=10m \
        -Dquarkus.http.proxy.proxy-address-forwarding=true -Dquarkus.http.proxy.allow-x-forwarded=true \
        -Dquarkus.http.proxy.trusted-proxies=127.0.0.1 ${OPTIONS[$mode]}
    URL[$mode]=$APP_URL
    PID[$mode]=$APP_PID
done
distinct_ports "${URL[@]}"
seeding=()
for mode in $MODES; do
    wait_for_sample_app "viewers-$mode" "${URL[$mode]}"
    add_posts_to_100 "${URL[$mode]}" &
    seeding+=($!)
done
for pid in "${seeding[@]}"; do wait "$pid"; done

db_cpu_measured=false
db_cpu_measurable bench_viewers_off && db_cpu_measured=true
[ "$db_cpu_measured" = true ] || echo "  (no PostgreSQL backend of bench_viewers_off on this machine: its CPU is not measured)"

declare -A REQUESTS=()
requests_of() { awk '/requests in/ {print $1}' "$1"; }
# Run 0 of viewers.lua, so that what is measured is a JIT-compiled app (20 s: with 10, throughput still climbed 30-70 %
# from the first round to the third; the rounds' rotating order spreads what is still compiled after it).
for mode in $MODES; do
    file="$OUT/wrk-viewers-$mode-warm-up.txt"
    wrk -t2 -c64 -d"${warm_up}s" -s "$LUA" "${URL[$mode]}" -- 0 > "$file"
    REQUESTS[$mode]=$(requests_of "$file")
done

# The apps take turns, in an order that moves on by one each round (off plain viewers, plain viewers off, viewers off
# plain), so that the machine's drift and the JIT's last compilations hit each alike; each metric is the list of its
# three rounds (the report gives their median and range; ratios round by round). Round r is run r of viewers.lua: new
# pairs again. CPU per request (the app and its PostgreSQL backends, from /proc) is the metric of record.
declare -A RPS=() P99=() APP_CPU=() DB_CPU=() CPU=()
read -r -a order <<< "$MODES"
for round in $(seq 1 $rounds); do
    for step in 0 1 2; do
        mode=${order[$(((round - 1 + step) % 3))]}
        file="$OUT/wrk-viewers-$mode-$round.txt"
        measured_wrk "http-viewers $mode, round $round" "$file" "${PID[$mode]}" "bench_viewers_$mode" \
            -t2 -c64 -d"${duration}s" --latency -s "$LUA" "${URL[$mode]}" -- "$round"
        echo "  $mode, 64 connections, round $round: $WRK_RPS req/s, p99 $WRK_P99 ms, CPU per request: app $WRK_APP_US µs, PostgreSQL $WRK_DB_US µs"
        REQUESTS[$mode]=$((${REQUESTS[$mode]} + WRK_REQUESTS))
        RPS[$mode]="${RPS[$mode]:-} $WRK_RPS"
        P99[$mode]="${P99[$mode]:-} $WRK_P99"
        APP_CPU[$mode]="${APP_CPU[$mode]:-} $WRK_APP_US"
        DB_CPU[$mode]="${DB_CPU[$mode]:-} $WRK_DB_US"
        CPU[$mode]="${CPU[$mode]:-} $(awk -v a="$WRK_APP_US" -v d="$WRK_DB_US" -v m="$db_cpu_measured" \
            'BEGIN {printf "%.1f", a + (m == "true" ? d : 0)}')"
    done
done
# Every round, space-separated: the report gives their median and range, and the ratios round by round.
for mode in $MODES; do
    {
        echo "http_viewers_rps_${mode}_64=${RPS[$mode]# }"
        echo "http_viewers_p99_ms_${mode}_64=${P99[$mode]# }"
        echo "http_viewers_cpu_us_per_request_${mode}_64=${CPU[$mode]# }"
        echo "http_viewers_app_cpu_us_per_request_${mode}_64=${APP_CPU[$mode]# }"
        [ "$db_cpu_measured" = false ] \
            || echo "http_viewers_db_cpu_us_per_request_${mode}_64=${DB_CPU[$mode]# }"
    } >> "$PROPERTIES"
done

sleep 2 # the counters' last interval flush
views() { metric "${URL[$1]}" "coalesce_views_$2_total" | awk '{printf "%d", $1}'; }
pairs=$(views viewers pairs_written)
uniques=$(views viewers unique_viewers_added)
deduplicated=$(views viewers deduplicated)
rejected=$(views viewers rejected_by_database_cooldown)
plain_pairs=$(views plain pairs_written)
plain_deduplicated=$(views plain deduplicated)
{
    echo "http_viewers_requests_viewers=${REQUESTS[viewers]}"
    echo "http_viewers_pairs_written=$pairs"
    echo "http_viewers_unique_viewers_added=$uniques"
    echo "http_viewers_views_deduplicated=$deduplicated"
    echo "http_viewers_rejected_by_database_cooldown=$rejected"
    echo "http_viewers_plain_pairs_written=$plain_pairs"
    echo "http_viewers_plain_views_deduplicated=$plain_deduplicated"
} >> "$PROPERTIES"
echo "  viewers app: ${REQUESTS[viewers]} requests (warm-up included), $pairs (post, viewer) pairs written," \
    "$uniques new, $deduplicated views filtered by the in-memory cooldown, $rejected by the database's"
echo "  plain app: $plain_pairs pairs written, $plain_deduplicated views filtered by the in-memory cooldown"
errors=$(cat "$OUT"/app-viewers-*.log | grep -c ' ERROR ' || true)
[ "$errors" = 0 ] || echo "  ($errors ERROR lines in $OUT/app-viewers-*.log)"

# The point of the part: the relation did its work, with many viewers, and only in the app that has it on.
failed=()
[ "$pairs" -gt 0 ] || failed+=("the viewers app wrote no (post, viewer) pair (coalesce_views_pairs_written_total is 0)")
[ "$uniques" -gt 100 ] || failed+=("the viewers app added $uniques unique viewers to 100 posts, one reader each: the \
X-Forwarded-For addresses were not taken (quarkus.http.proxy.*)")
[ "$plain_pairs" -eq 0 ] || failed+=("the plain app (relation off) wrote $plain_pairs pairs")
[ "$deduplicated" -gt 0 ] && [ "$plain_deduplicated" -gt 0 ] \
    || failed+=("the in-memory cooldown filtered no reload (viewers $deduplicated, plain $plain_deduplicated)")
if [ ${#failed[@]} -gt 0 ]; then
    printf 'benchmarks/http-viewers.sh: FAILED: %s\n' "${failed[@]}" >&2
    mv "$PROPERTIES" "$PROPERTIES.failed"
    exit 1
fi

# Stopping the apps writes what they still hold; then the relation's rows as PostgreSQL has them.
for pid in "${APP_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
APP_PIDS=()
# Not counting the demo history the sample's migration V6 seeds (viewers 'h:demo-...').
rows() {
    $JAVA io.github.coalesce.bench.BenchPostgres query "$BENCH_JDBC_BASE/bench_viewers_$1" \
        "SELECT count(*) FROM post_viewer WHERE viewer NOT LIKE 'h:demo-%'"
}
relation_rows=$(rows viewers)
plain_rows=$(rows plain)
echo "  post_viewer rows beside the demo history: $relation_rows (viewers app), $plain_rows (plain app)"
[ "$plain_rows" -eq 0 ] && [ "$relation_rows" -gt 0 ] || {
    echo "benchmarks/http-viewers.sh: FAILED: post_viewer has $relation_rows rows (viewers), $plain_rows (plain)" >&2
    mv "$PROPERTIES" "$PROPERTIES.failed"
    exit 1
}
{
    echo "http_viewers_relation_rows=$relation_rows"
    echo "http_viewers_database=$BENCH_DB_DESCRIPTION"
} >> "$PROPERTIES"
