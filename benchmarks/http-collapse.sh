#!/usr/bin/env bash
# The http-collapse part of benchmarks/run.sh: the packaged sample app (on a free port) with a 200 ms /feed.xml,
# one request alone, then 256 concurrent GETs. Writes OUT/http-collapse.json.
# Usage: benchmarks/http-collapse.sh OUT_DIR   (with JAVA set to a java command line with the benchmarks' classpath)
set -euo pipefail
mkdir -p "${1:?usage: benchmarks/http-collapse.sh OUT_DIR}"
OUT=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
: "${JAVA:?JAVA must be the java command line with the benchmarks classpath, as benchmarks/run.sh sets it}"

echo "== http-collapse: 256 concurrent GET /feed.xml (200 ms per rendering) on the packaged sample app"
rm -f "$OUT/http-collapse-db.env"
$JAVA io.github.coalesce.bench.BenchPostgres serve "$OUT/http-collapse-db.env" > "$OUT/http-collapse-postgres.log" 2>&1 &
DB_PID=$!
APP_PID=
cleanup() {
    [ -z "$APP_PID" ] || kill "$APP_PID" 2>/dev/null || true
    kill "$DB_PID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 120); do [ -s "$OUT/http-collapse-db.env" ] && break; sleep 0.5; done
# shellcheck disable=SC1091
source "$OUT/http-collapse-db.env"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -Xms256m -Xmx512m -Dquarkus.http.port="$PORT" -Dblog.feed.extra-cost=200ms -Dquarkus.log.level=WARN \
    -Dquarkus.datasource.jdbc.url="$BENCH_JDBC_BASE/bench_off" \
    -Dquarkus.datasource.username="$BENCH_DB_USER" -Dquarkus.datasource.password="$BENCH_DB_PASSWORD" \
    -jar sample-app/target/quarkus-app/quarkus-run.jar > "$OUT/app-collapse.log" 2>&1 &
APP_PID=$!
url=http://127.0.0.1:$PORT
for _ in $(seq 1 120); do curl -sf -o /dev/null "$url/q/health/ready" && break; sleep 0.5; done
curl -sf -o /dev/null "$url/q/health/ready" || { echo "sample app did not start:"; tail -20 "$OUT/app-collapse.log"; exit 1; }
$JAVA io.github.coalesce.bench.HttpCollapseHarness "$url" "$OUT/http-collapse.json"
