#!/usr/bin/env bash
# The soak part of benchmarks/run.sh (not of CI): the packaged sample app (prod profile, cooldown 0 so that every
# read is a counted view, heap 512 MiB) under SoakHarness' mixed traffic for BENCH_SOAK_MINUTES (default 10) minutes
# at BENCH_SOAK_CONNECTIONS (default 64) clients. Writes OUT/soak.json.
# Usage: benchmarks/soak.sh OUT_DIR   (with JAVA set to a java command line with the benchmarks' classpath)
set -euo pipefail
mkdir -p "${1:?usage: benchmarks/soak.sh OUT_DIR}"
OUT=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
: "${JAVA:?JAVA must be the java command line with the benchmarks classpath, as benchmarks/run.sh sets it}"
minutes=${BENCH_SOAK_MINUTES:-10}
connections=${BENCH_SOAK_CONNECTIONS:-64}

echo "== soak: $minutes minutes of mixed traffic at $connections clients (reads, metadata bursts, writes)"
rm -f "$OUT/soak-db.env"
$JAVA io.github.coalesce.bench.BenchPostgres serve "$OUT/soak-db.env" > "$OUT/soak-postgres.log" 2>&1 &
DB_PID=$!
APP_PID=
cleanup() {
    [ -z "$APP_PID" ] || kill "$APP_PID" 2>/dev/null || true
    kill "$DB_PID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 120); do [ -s "$OUT/soak-db.env" ] && break; sleep 0.5; done
# shellcheck disable=SC1091
source "$OUT/soak-db.env"
export BENCH_DB_USER BENCH_DB_PASSWORD
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -Xms512m -Xmx512m -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN \
    -Dquarkus.coalesce.view-counter.cooldown=0s -Dquarkus.coalesce.view-counter.spill-file="$OUT/soak.spill" \
    -Dquarkus.datasource.jdbc.url="$BENCH_JDBC_BASE/bench_counter" \
    -Dquarkus.datasource.username="$BENCH_DB_USER" -Dquarkus.datasource.password="$BENCH_DB_PASSWORD" \
    -jar sample-app/target/quarkus-app/quarkus-run.jar > "$OUT/app-soak.log" 2>&1 &
APP_PID=$!
url=http://127.0.0.1:$PORT
for _ in $(seq 1 120); do curl -sf -o /dev/null "$url/q/health/ready" && break; sleep 0.5; done
curl -sf -o /dev/null "$url/q/health/ready" || { echo "sample app did not start:"; tail -20 "$OUT/app-soak.log"; exit 1; }
$JAVA io.github.coalesce.bench.SoakHarness "$url" "$APP_PID" "$BENCH_JDBC_BASE/bench_counter" "$OUT/soak.json" \
    "$minutes" "$connections"
