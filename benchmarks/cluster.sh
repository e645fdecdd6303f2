#!/usr/bin/env bash
# The cluster part of benchmarks/run.sh: three packaged sample apps on free ports sharing a private redis-server (a
# free port, no persistence: its INFO commandstats then counts only these apps) and one database, with
# GET /metadata (@Coalesce(scope = CLUSTER)) costing 100 ms; and a fourth app without Redis, where the same method runs
# local-only. Writes OUT/cluster.json.
# Usage: benchmarks/cluster.sh OUT_DIR   (with JAVA set to a java command line with the benchmarks' classpath)
set -euo pipefail
mkdir -p "${1:?usage: benchmarks/cluster.sh OUT_DIR}"
OUT=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
: "${JAVA:?JAVA must be the java command line with the benchmarks classpath, as benchmarks/run.sh sets it}"
command -v redis-server >/dev/null || { apt-get install -y -qq redis-server >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }; }

echo "== cluster: herds of 3 x 50 GET /metadata across three instances on one Redis"
# shellcheck source=benchmarks/sample-app.sh
source benchmarks/sample-app.sh
trap stop_benchmark_processes EXIT
start_bench_database cluster
REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no > "$OUT/cluster-redis.log" 2>&1 &
BENCH_PIDS+=("$!")
KEY_PREFIX="bench:$RANDOM$RANDOM:"
# The method's run, which ClusterHarness also takes as the idle gap of the bare round trips it times beside the wake-ups.
EXTRA_COST_MS=100
launch_app() { # launch_app NAME REDIS_URL_OR_EMPTY: APP_URL is the app's URL, APP_PID its process (not ready yet)
    launch_sample_app "cluster-$1" bench_counter -Xms256m -Xmx256m -Dquarkus.redis.hosts="$2" \
        -Dblog.metadata.extra-cost=${EXTRA_COST_MS}ms -Dquarkus.coalesce.max-wait=30s \
        -Dquarkus.coalesce.cluster.result-ttl=300ms -Dquarkus.coalesce.cluster.redis-timeout=1s \
        -Dquarkus.coalesce.cluster.key-prefix="$KEY_PREFIX" -Dquarkus.log.category.\"io.github.coalesce\".level=INFO
}
# The first alone, since it runs the migrations; then the other three together.
launch_app a "redis://127.0.0.1:$REDIS_PORT"; A=$APP_URL
wait_for_sample_app cluster-a "$A"
launch_app b "redis://127.0.0.1:$REDIS_PORT"; B=$APP_URL
launch_app c "redis://127.0.0.1:$REDIS_PORT"; C=$APP_URL
launch_app local ""; LOCAL=$APP_URL
distinct_ports "$A" "$B" "$C" "$LOCAL"
wait_for_sample_app cluster-b "$B"
wait_for_sample_app cluster-c "$C"
wait_for_sample_app cluster-local "$LOCAL"
grep -q "share executions across instances through Redis" "$OUT/app-cluster-a.log" \
    || { echo "the first instance does not share executions through Redis; see $OUT/app-cluster-a.log" >&2; exit 1; }
$JAVA -Dbench.cluster.extra-cost-ms=$EXTRA_COST_MS io.github.coalesce.bench.ClusterHarness "$REDIS_PORT" "$LOCAL" "$OUT/cluster.json" "$A" "$B" "$C"
