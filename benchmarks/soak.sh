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
# shellcheck source=benchmarks/sample-app.sh
source benchmarks/sample-app.sh
trap stop_benchmark_processes EXIT
start_bench_database soak
start_sample_app soak bench_counter -Xms512m -Xmx512m -Dquarkus.coalesce.view-counter.cooldown=0s \
    -Dquarkus.coalesce.view-counter.spill-file="$OUT/soak.spill"
$JAVA io.github.coalesce.bench.SoakHarness "$APP_URL" "$APP_PID" "$BENCH_JDBC_BASE/bench_counter" "$OUT/soak.json" \
    "$minutes" "$connections"
