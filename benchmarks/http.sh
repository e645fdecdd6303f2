#!/usr/bin/env bash
# The HTTP part of benchmarks/run.sh (which builds everything first): the packaged sample app with the view counter
# off, on, and naive, under wrk, in two scenarios: 100 posts read in turn, and the viral post (every connection on
# one post). Writes OUT/http.properties (metric=value).
# Usage: benchmarks/http.sh OUT_DIR   (with JAVA set to a java command line with the benchmarks' classpath)
set -euo pipefail
mkdir -p "${1:?usage: benchmarks/http.sh OUT_DIR}"
OUT=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
: "${JAVA:?JAVA must be the java command line with the benchmarks classpath, as benchmarks/run.sh sets it}"
# shellcheck source=benchmarks/sample-app.sh
source benchmarks/sample-app.sh
# shellcheck source=benchmarks/http-measure.sh
source benchmarks/http-measure.sh
trap stop_benchmark_processes EXIT

echo "== HTTP: the packaged sample app, counter off / on / naive; 100 posts, then the viral post"
rm -f "$OUT/http.properties"
start_bench_database http
duration=${BENCH_HTTP_SECONDS:-5}
warm_up=${BENCH_HTTP_WARMUP_SECONDS:-15}
level_warm_up=${BENCH_HTTP_LEVEL_WARMUP_SECONDS:-2}
low_level_duration=${BENCH_HTTP_LOW_LEVEL_SECONDS:-3}
rounds=3
declare -A URL=() PID=()

record_statements() { # record_statements MODE STATEMENTS VIEWS
    echo "http_update_statements_$1=$2" >> "$OUT/http.properties"
    echo "http_views_written_$1=$3" >> "$OUT/http.properties"
    echo "http_update_statements_per_10k_views_$1=$(awk -v s="$2" -v v="$3" 'BEGIN {printf "%.2f", (v > 0 ? s * 10000 / v : 0)}')" >> "$OUT/http.properties"
}

# All three apps run at once, each on its own database, and the wrk runs alternate between them, so that the
# machine's drift hits every mode alike (run one mode after the other, the counter/off ratio moved from 1.27 to 0.70
# between two runs). Besides throughput and latency, each run records the CPU time the app and the PostgreSQL
# backends of its database used per request: that, unlike requests per second, hardly depends on the weather.
# Pools of 30 connections (Quarkus' default is 50): three apps then fit a server's default max_connections of 100.
for mode in off counter naive; do
    launch_sample_app "$mode" "bench_$mode" -Xms512m -Xmx512m -Dblog.views.mode=$mode \
        -Dquarkus.datasource.jdbc.max-size=30 -Dquarkus.coalesce.view-counter.cooldown=0s
    URL[$mode]=$APP_URL
    PID[$mode]=$APP_PID
done
distinct_ports "${URL[@]}"
for mode in off counter naive; do
    wait_for_sample_app "$mode" "${URL[$mode]}"
    add_posts_to_100 "${URL[$mode]}"
done
# A JIT-compiled app, not an interpreted one: 5 s of warm-up left the modes 20-40 % apart from one round to the next.
for mode in off counter naive; do
    wrk -t2 -c64 -d${warm_up}s -s benchmarks/wrk/posts.lua "${URL[$mode]}" > /dev/null
done

# Only backends on this machine can be read from /proc (and PostgreSQL's background processes, such as the WAL
# writer, belong to no mode): with a server elsewhere, the PostgreSQL CPU is left out rather than reported as 0.
db_cpu_measured=false
db_cpu_measurable bench_off && db_cpu_measured=true
[ "$db_cpu_measured" = true ] || echo "  (no PostgreSQL backend of bench_off on this machine: its CPU is not measured)"
# counter_flushed: "statements views" the counter app has written so far (its flush chunks, one statement each, and
# the views they carried).
counter_flushed() {
    echo "$(metric "${URL[counter]}" coalesce_views_chunks_written_total) $(metric "${URL[counter]}" coalesce_views_views_written_total)"
}
# The counter's statements per 10 000 views, round by round at 64 connections: what its flushes wrote from just
# before its round r to just before its round r + 1 (the other modes' rounds in between give it time to flush the
# round's last views; after the last round, the end of the rounds). Both scenarios' rounds r together make round r of
# db_statements_per_10k_views, as the whole part mixes them.
declare -A FLUSH_STATEMENTS=() FLUSH_VIEWS=()
# scenario PREFIX LUA: the three modes at 1, 16 and 64 connections under the wrk script LUA; metrics named
# http_<PREFIX>rps_<mode>_<connections> and so on. At 64 connections each metric is the list of its rounds (the
# report gives their median and range), CPU per request included: http_<PREFIX>cpu_us_per_request_<mode>_64 (app +
# its PostgreSQL backends), the metric of record.
scenario() {
    local prefix=$1 lua=$2 connections threads round mode file before after
    for connections in 1 16 64; do
        threads=$([ "$connections" -eq 1 ] && echo 1 || echo 2)
        declare -A RPS=() P99=() APP_CPU=() DB_CPU=() CPU=()
        # A few seconds at this many connections first: the first round at a new level ran up to 5 times the CPU per
        # request of the next ones.
        for mode in off counter naive; do
            wrk -t$threads -c$connections -d${level_warm_up}s -s "$lua" "${URL[$mode]}" > /dev/null
        done
        # The modes take turns, round after round, so that the machine's drift hits each alike; the report gives the
        # median of the rounds and their range, and ratios round by round. The targets are at 64 connections; 1 and
        # 16 get one shorter round each (the whole run.sh must fit in 15 minutes on 2 cores).
        local level_rounds=$rounds level_duration=$duration
        if [ "$connections" -ne 64 ]; then level_rounds=1; level_duration=$low_level_duration; fi
        for round in $(seq 1 $level_rounds); do
            for mode in off counter naive; do
                if [ "$connections" -eq 64 ] && [ "$mode" = counter ]; then
                    after=$(counter_flushed)
                    [ "$round" -eq 1 ] || flushed_in_round "$prefix" $((round - 1)) "$before" "$after"
                    before=$after
                fi
                file="$OUT/wrk-$prefix$mode-$connections-$round.txt"
                measured_wrk "$prefix$mode, $connections" "$file" "${PID[$mode]}" "bench_$mode" \
                    -t$threads -c$connections -d${level_duration}s --latency -s "$lua" "${URL[$mode]}"
                echo "  ${prefix}$mode, $connections connections, round $round: $WRK_RPS req/s, p99 $WRK_P99 ms, CPU per request: app $WRK_APP_US µs, PostgreSQL $WRK_DB_US µs"
                RPS[$mode]="${RPS[$mode]:-} $WRK_RPS"
                P99[$mode]="${P99[$mode]:-} $WRK_P99"
                APP_CPU[$mode]="${APP_CPU[$mode]:-} $WRK_APP_US"
                DB_CPU[$mode]="${DB_CPU[$mode]:-} $WRK_DB_US"
                CPU[$mode]="${CPU[$mode]:-} $(awk -v a="$WRK_APP_US" -v d="$WRK_DB_US" -v m="$db_cpu_measured" \
                    'BEGIN {printf "%.1f", a + (m == "true" ? d : 0)}')"
            done
        done
        [ "$connections" -ne 64 ] || flushed_in_round "$prefix" "$rounds" "$before" "$(counter_flushed)"
        for mode in off counter naive; do
            # shellcheck disable=SC2086
            {
                if [ "$connections" -eq 64 ]; then
                    # Every round, space-separated: the report reads them as rounds.
                    echo "http_${prefix}rps_${mode}_64=${RPS[$mode]# }"
                    echo "http_${prefix}p99_ms_${mode}_64=${P99[$mode]# }"
                    echo "http_${prefix}cpu_us_per_request_${mode}_64=${CPU[$mode]# }"
                    echo "http_${prefix}app_cpu_us_per_request_${mode}_64=${APP_CPU[$mode]# }"
                    [ "$db_cpu_measured" = false ] \
                        || echo "http_${prefix}db_cpu_us_per_request_${mode}_64=${DB_CPU[$mode]# }"
                else
                    echo "http_${prefix}rps_${mode}_${connections}=$(median ${RPS[$mode]})"
                    echo "http_${prefix}p99_ms_${mode}_${connections}=$(median ${P99[$mode]})"
                fi
            } >> "$OUT/http.properties"
        done
    done
}

flushed_in_round() { # flushed_in_round PREFIX ROUND "STATEMENTS VIEWS" "STATEMENTS VIEWS": the counter's round ROUND
    local statements views
    read -r statements views < <(awk -v b="$3" -v a="$4" 'BEGIN {split(b, x, " "); split(a, y, " "); print y[1] - x[1], y[2] - x[2]}')
    echo "  ${1}counter, round $2: $statements flush statements for $views views"
    FLUSH_STATEMENTS[$1$2]=$statements
    FLUSH_VIEWS[$1$2]=$views
}

echo "== HTTP, 100 posts: GET /posts/{id} over ids 1..100 in turn"
scenario "" benchmarks/wrk/posts.lua
# The viral post: every connection on one post. The apps are warm; a few seconds on the new script first.
echo "== HTTP, the viral post: every connection on GET /posts/1"
for mode in off counter naive; do
    wrk -t2 -c64 -d${level_warm_up}s -s benchmarks/wrk/hot-post.lua "${URL[$mode]}" > /dev/null
done
scenario hot_ benchmarks/wrk/hot-post.lua

sleep 2 # the counter's last interval flush
url=${URL[counter]}
record_statements counter "$(metric "$url" coalesce_views_chunks_written_total)" \
    "$(metric "$url" coalesce_views_views_written_total)"
per_10k() { awk -v s="$1" -v v="$2" 'BEGIN {printf "%.2f", (v > 0 ? s * 10000 / v : 0)}'; }
statements_rounds="" statements_100="" statements_hot=""
for round in $(seq 1 $rounds); do
    statements_100="$statements_100 $(per_10k "${FLUSH_STATEMENTS[$round]}" "${FLUSH_VIEWS[$round]}")"
    statements_hot="$statements_hot $(per_10k "${FLUSH_STATEMENTS[hot_$round]}" "${FLUSH_VIEWS[hot_$round]}")"
    statements_rounds="$statements_rounds $(awk -v s1="${FLUSH_STATEMENTS[$round]}" -v s2="${FLUSH_STATEMENTS[hot_$round]}" \
        -v v1="${FLUSH_VIEWS[$round]}" -v v2="${FLUSH_VIEWS[hot_$round]}" \
        'BEGIN {printf "%.2f", (v1 + v2 > 0 ? (s1 + s2) * 10000 / (v1 + v2) : 0)}')"
done
{
    echo "db_statements_per_10k_views=${statements_rounds# }"
    echo "http_db_statements_per_10k_views_counter_64=${statements_100# }"
    echo "http_hot_db_statements_per_10k_views_counter_64=${statements_hot# }"
} >> "$OUT/http.properties"
# Stopping the apps closes their connections, which publishes each backend's table statistics to PostgreSQL.
for pid in "${APP_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
APP_PIDS=()
sleep 1
# naive: one UPDATE per view, each touching one row, so rows updated = statements (PostgreSQL's own count).
record_statements naive \
    "$($JAVA io.github.coalesce.bench.BenchPostgres query "$BENCH_JDBC_BASE/bench_naive" \
        "SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'post'")" \
    "$($JAVA io.github.coalesce.bench.BenchPostgres query "$BENCH_JDBC_BASE/bench_naive" "SELECT sum(views) FROM post")"
echo "http_database=$BENCH_DB_DESCRIPTION" >> "$OUT/http.properties"
