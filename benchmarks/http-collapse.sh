#!/usr/bin/env bash
# The http-collapse part of benchmarks/run.sh: the packaged sample app (on a free port) with a 200 ms /feed.xml,
# one request alone, then 256 concurrent GETs; then the cost of collapsing on a selected endpoint that never
# collides (/p/{id}, distinct ids in flight) against the same jar with quarkus.coalesce.http.enabled=false (the filter
# then returns at its first check), under wrk, the two apps taking turns (ABBA order, four rounds).
# Writes OUT/http-collapse.json.
# Usage: benchmarks/http-collapse.sh OUT_DIR   (with JAVA set to a java command line with the benchmarks' classpath)
set -euo pipefail
mkdir -p "${1:?usage: benchmarks/http-collapse.sh OUT_DIR}"
OUT=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
: "${JAVA:?JAVA must be the java command line with the benchmarks classpath, as benchmarks/run.sh sets it}"

echo "== http-collapse: 256 concurrent GET /feed.xml (200 ms per rendering) on the packaged sample app"
# shellcheck source=benchmarks/sample-app.sh
source benchmarks/sample-app.sh
trap stop_benchmark_processes EXIT
start_bench_database http-collapse
start_sample_app collapse bench_off -Dblog.feed.extra-cost=200ms
url=$APP_URL
$JAVA io.github.coalesce.bench.HttpCollapseHarness "$url" "$OUT/http-collapse.json"

echo "== http-collapse: /p/{id} selected but never colliding, against the same app with collapsing off"
start_sample_app collapse-off bench_off -Dquarkus.coalesce.http.enabled=false
url_off=$APP_URL
followers() { curl -s "$url/q/metrics" | awk '/^coalesce_http_followers_total/ {s += $2} END {print s + 0}'; }
for u in "$url" "$url_off"; do wrk -t2 -c16 -d10s -s benchmarks/wrk/pages-distinct.lua "$u" > /dev/null; done
followers_before=$(followers)
on=() off=()
# The two apps take turns in ABBA order (on off, off on, ...): throughput still climbs from round to round while the
# JIT settles, and a fixed order would hand that climb to whichever app always goes second.
for round in 1 2 3 4; do
    order="on off"; [ $((round % 2)) -eq 0 ] && order="off on"
    for mode in $order; do
        u=$([ $mode = on ] && echo "$url" || echo "$url_off")
        file="$OUT/wrk-collapse-$mode-$round.txt"
        wrk -t2 -c16 -d5s -s benchmarks/wrk/pages-distinct.lua "$u" > "$file"
        errors=$(awk '/Non-2xx|Socket errors/ {print}' "$file")
        [ -z "$errors" ] || { echo "wrk reported errors (collapsing $mode): $errors"; exit 1; }
        rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
        echo "  collapsing $mode, round $round: $rps req/s"
        if [ $mode = on ]; then on+=("$rps"); else off+=("$rps"); fi
    done
done
collisions=$(( $(followers) - followers_before ))
# Every round (ABBA pairs: round r of each app ran next to the other's): the report gives the median and range of the
# ratio round by round.
python3 - "$OUT/http-collapse.json" "${on[*]}" "${off[*]}" "$collisions" <<'PY'
import json, sys
path, on, off, collisions = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), int(float(sys.argv[4]))
results = json.load(open(path))
results.update({"http_collapse_never_colliding_rps": [float(v) for v in on],
                "http_collapse_unselected_rps": [float(v) for v in off],
                "http_collapse_never_colliding_followers": collisions})
json.dump(results, open(path, "w"), indent=2)
print(json.dumps(results, indent=2))
PY
