#!/usr/bin/env bash
# Runs every benchmark of the project in one go (~6-8 minutes on 2 cores) and writes benchmarks/target/results.json
# (metric -> number) and benchmarks/target/results.md (the table, with machine, JDK, date and targets).
# With QUARKUS_DATASOURCE_JDBC_URL (+ _USERNAME/_PASSWORD) set, the database parts use that server (the user must be
# allowed to create databases); otherwise an embedded PostgreSQL. The HTTP part needs wrk (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/benchmarks/target

source .ci/pick-jdk.sh
JAVA_HOME=$(pick_jdk)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if ! command -v wrk >/dev/null; then
    echo "== installing wrk (Debian package) for the HTTP part"
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || true
fi
command -v wrk >/dev/null || { echo "benchmarks/run.sh: wrk is needed for the HTTP part (apt-get install wrk)" >&2; exit 1; }

echo "== building the project and the benchmarks"
./mvnw -B -q -ntp install -DskipTests
./mvnw -B -q -ntp -f benchmarks/pom.xml package
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
# A fixed heap, so that the memory measurements compare like with like.
JAVA="java -Xms1g -Xmx1g -cp $CP"
rm -f "$OUT"/*.json "$OUT"/http.properties

echo "== JMH: coalescing (uncontended, distinct keys) and record()"
$JAVA org.openjdk.jmh.Main 'io.github.coalesce.bench.jmh.*' -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc \
    -rf json -rff "$OUT/jmh.json"

echo "== herd: 1, 16, 256 callers on one key of a 20 ms method"
$JAVA io.github.coalesce.bench.HerdHarness "$OUT/herd.json"

echo "== through the CDI interceptor, in a booted Quarkus application"
java -Xms1g -Xmx1g -jar benchmarks/target/quarkus-app/quarkus-run.jar "$OUT/interceptor.json"

echo "== memory per pending view, and the Go pattern's caller cost"
$JAVA io.github.coalesce.bench.PendingMemoryHarness "$OUT/pending.json"

echo "== flush: unnest chunks vs addBatch"
$JAVA io.github.coalesce.bench.FlushHarness "$OUT/flush.json"

echo "== HTTP: the packaged sample app, GET /posts/{id} over 100 ids, counter off / on / naive"
rm -f "$OUT/http-db.env"
$JAVA io.github.coalesce.bench.BenchPostgres serve "$OUT/http-db.env" > "$OUT/bench-postgres.log" 2>&1 &
DB_PID=$!
APP_PIDS=()
cleanup() {
    for pid in "${APP_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    kill "$DB_PID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 120); do [ -s "$OUT/http-db.env" ] && break; sleep 0.5; done
# shellcheck disable=SC1091
source "$OUT/http-db.env"
export BENCH_DB_USER BENCH_DB_PASSWORD
duration=${BENCH_HTTP_SECONDS:-5}
declare -A PORTS=([off]=18381 [counter]=18382 [naive]=18383)

metric() { # metric URL NAME: the value of a Prometheus series, 0 when absent
    curl -s "$1/q/metrics" | awk -v name="$2" '$1 ~ "^"name"({|$)" {print $2; found=1; exit} END {if (!found) print 0}'
}

record_statements() { # record_statements MODE STATEMENTS VIEWS
    echo "http_update_statements_$1=$2" >> "$OUT/http.properties"
    echo "http_views_written_$1=$3" >> "$OUT/http.properties"
    echo "http_update_statements_per_10k_views_$1=$(awk -v s="$2" -v v="$3" 'BEGIN {printf "%.2f", (v > 0 ? s * 10000 / v : 0)}')" >> "$OUT/http.properties"
}

# All three apps run at once, each on its own database, and the wrk runs alternate between them, so that the
# machine's drift hits every mode alike (run one mode after the other, the counter/off ratio moved from 1.27 to 0.70
# between two runs).
for mode in off counter naive; do
    java -Xms512m -Xmx512m -Dquarkus.http.port=${PORTS[$mode]} -Dblog.views.mode=$mode \
        -Dquarkus.coalesce.view-counter.cooldown=0s -Dquarkus.log.level=WARN \
        -Dquarkus.datasource.jdbc.url="$BENCH_JDBC_BASE/bench_$mode" \
        -Dquarkus.datasource.username="$BENCH_DB_USER" -Dquarkus.datasource.password="$BENCH_DB_PASSWORD" \
        -jar sample-app/target/quarkus-app/quarkus-run.jar > "$OUT/app-$mode.log" 2>&1 &
    APP_PIDS+=($!)
done
for mode in off counter naive; do
    url=http://localhost:${PORTS[$mode]}
    for _ in $(seq 1 120); do curl -sf -o /dev/null "$url/q/health/ready" && break; sleep 0.5; done
    curl -sf -o /dev/null "$url/q/health/ready" || { echo "sample app ($mode) did not start:"; tail -20 "$OUT/app-$mode.log"; exit 1; }
    # The seed has 36 posts: add the rest so that ids 1..100 exist.
    for i in $(seq 37 100); do
        curl -sf -o /dev/null -H 'Content-Type: application/json' \
            -d "{\"title\":\"Benchmark post $i\",\"body\":\"Post $i.\",\"tags\":[\"bench\"]}" "$url/posts"
    done
    wrk -t2 -c16 -d5s -s benchmarks/wrk/posts.lua "$url" > /dev/null # warm-up
done

declare -A BEST_RPS BEST_P99
for connections in 1 16 64; do
    threads=$([ "$connections" -eq 1 ] && echo 1 || echo 2)
    for round in 1 2; do
        for mode in off counter naive; do
            file="$OUT/wrk-$mode-$connections-$round.txt"
            wrk -t$threads -c$connections -d${duration}s --latency -s benchmarks/wrk/posts.lua \
                "http://localhost:${PORTS[$mode]}" > "$file"
            errors=$(awk '/Non-2xx|Socket errors/ {print}' "$file")
            [ -z "$errors" ] || { echo "wrk reported errors ($mode, $connections): $errors"; exit 1; }
            rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
            p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/, "", v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v*=1000}; print v}' "$file")
            echo "  $mode, $connections connections, round $round: $rps req/s, p99 $p99 ms"
            # The better of the two rounds (with its p99) stands for the mode.
            key=${mode}_$connections
            if [ -z "${BEST_RPS[$key]:-}" ] || awk -v a="$rps" -v b="${BEST_RPS[$key]}" 'BEGIN {exit !(a > b)}'; then
                BEST_RPS[$key]=$rps
                BEST_P99[$key]=$p99
            fi
        done
    done
    for mode in off counter naive; do
        echo "http_rps_${mode}_${connections}=${BEST_RPS[${mode}_$connections]}" >> "$OUT/http.properties"
        echo "http_p99_ms_${mode}_${connections}=${BEST_P99[${mode}_$connections]}" >> "$OUT/http.properties"
    done
done

sleep 2 # the counter's last interval flush
url=http://localhost:${PORTS[counter]}
record_statements counter "$(metric "$url" coalesce_views_chunks_written_total)" \
    "$(metric "$url" coalesce_views_views_written_total)"
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

echo "== report"
$JAVA io.github.coalesce.bench.Report "$OUT"
