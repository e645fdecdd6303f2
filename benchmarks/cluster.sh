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
rm -f "$OUT/cluster-db.env"
$JAVA io.github.coalesce.bench.BenchPostgres serve "$OUT/cluster-db.env" > "$OUT/cluster-postgres.log" 2>&1 &
PIDS=($!)
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no > "$OUT/cluster-redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do [ -s "$OUT/cluster-db.env" ] && break; sleep 0.5; done
# shellcheck disable=SC1091
source "$OUT/cluster-db.env"
KEY_PREFIX="bench:$RANDOM$RANDOM:"
start_app() { # start_app NAME REDIS_URL_OR_EMPTY: prints the app's URL once it is ready
    local port url
    port=$(free_port)
    url=http://127.0.0.1:$port
    QUARKUS_REDIS_HOSTS=$2 java -Xms256m -Xmx256m -Dquarkus.http.port="$port" -Dquarkus.log.level=WARN \
        -Dblog.metadata.extra-cost=100ms -Dquarkus.coalesce.max-wait=30s \
        -Dquarkus.coalesce.cluster.result-ttl=500ms -Dquarkus.coalesce.cluster.redis-timeout=1s \
        -Dquarkus.coalesce.cluster.key-prefix="$KEY_PREFIX" -Dquarkus.log.category.\"io.github.coalesce\".level=INFO \
        -Dquarkus.coalesce.view-counter.spill-file="$OUT/cluster-$1.spill" \
        -Dquarkus.datasource.jdbc.url="$BENCH_JDBC_BASE/bench_counter" \
        -Dquarkus.datasource.username="$BENCH_DB_USER" -Dquarkus.datasource.password="$BENCH_DB_PASSWORD" \
        -jar sample-app/target/quarkus-app/quarkus-run.jar > "$OUT/app-cluster-$1.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 120); do curl -sf -o /dev/null "$url/q/health/ready" && break; sleep 0.5; done
    curl -sf -o /dev/null "$url/q/health/ready" || { echo "sample app ($1) did not start:" >&2; tail -20 "$OUT/app-cluster-$1.log" >&2; exit 1; }
    URL=$url
}
# One at a time: the first runs the migrations.
start_app a "redis://127.0.0.1:$REDIS_PORT"; A=$URL
start_app b "redis://127.0.0.1:$REDIS_PORT"; B=$URL
start_app c "redis://127.0.0.1:$REDIS_PORT"; C=$URL
start_app local ""; LOCAL=$URL
grep -q "share executions across instances through Redis" "$OUT/app-cluster-a.log" \
    || { echo "the first instance does not share executions through Redis; see $OUT/app-cluster-a.log" >&2; exit 1; }
$JAVA io.github.coalesce.bench.ClusterHarness "$REDIS_PORT" "$LOCAL" "$OUT/cluster.json" "$A" "$B" "$C"
