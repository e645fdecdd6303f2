#!/usr/bin/env bash
# Runs every benchmark of the project in one go (about 14 minutes on 2 cores, under 15) and writes benchmarks/target/results.json
# (metric -> number) and benchmarks/target/results.md (the table, with machine, JDK, date and targets).
# Arguments name the parts to run again (see ALL_PARTS); the table then merges them with the other parts' latest
# results in benchmarks/target. No argument: every part but the soak (10 minutes on its own: `run.sh soak`), from a
# clean slate. Each part's wall time goes into run.properties (run_seconds_PART), shown with the table.
#
# Adding a part: a function part_NAME below that writes $OUT/NAME.json (a flat object, metric -> number; or
# NAME.properties from a shell script), NAME in ALL_PARTS, and its title and targets in one entry of
# benchmarks/src/main/java/io/github/coalesce/bench/Parts.java (which Report reads).
# With QUARKUS_DATASOURCE_JDBC_URL (+ _USERNAME/_PASSWORD) set, the database parts use that server (the user must be
# allowed to create databases); otherwise an embedded PostgreSQL. The HTTP parts need wrk, the go part Debian's Go and
# golang.org/x/sync (both installed if missing).
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
command -v wrk >/dev/null || { echo "benchmarks/run.sh: wrk is needed for the HTTP parts (apt-get install wrk)" >&2; exit 1; }

echo "== building the project and the benchmarks"
# What the parts run: the extension, the sample app and the benchmarks (not the test-only modules).
./mvnw -B -q -ntp install -DskipTests -pl sample-app,benchmarks -am
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
# A fixed heap, so that the memory measurements compare like with like.
JAVA="java -Xms1g -Xmx1g -cp $CP"
ALL_PARTS="jmh go herd interceptor pending flush viewers http http-viewers http-collapse cluster soak"
DEFAULT_PARTS=${ALL_PARTS% soak}
PARTS=${*:-$DEFAULT_PARTS}
for part in $PARTS; do
    [[ " $ALL_PARTS " == *" $part "* ]] || { echo "benchmarks/run.sh: unknown part '$part' (parts: $ALL_PARTS)" >&2; exit 2; }
done
# A clean slate, but for the soak, which a run without arguments leaves out.
[ $# -gt 0 ] || find "$OUT" -maxdepth 1 \( -name "*.json" -o -name "*.properties" \) ! -name "soak.*" -delete

part_jmh() {
    echo "== JMH: coalescing (uncontended, distinct keys), record() and the bot filter"
    $JAVA org.openjdk.jmh.Main 'io.github.coalesce.bench.jmh.*|io.github.coalesce.runtime.views.*' \
        -f 1 -wi 2 -w 1s -i 5 -r 1s -prof gc \
        -rf json -rff "$OUT/jmh.json"
}

part_go() {
    echo "== Go: golang.org/x/sync/singleflight, the work of the jmh and herd parts"
    local sync=/usr/share/gocode/src/golang.org/x/sync/singleflight
    if ! command -v go >/dev/null || [ ! -d $sync ]; then
        echo "   installing golang-go and golang-golang-x-sync-dev (Debian packages)"
        apt-get install -y -qq golang-go golang-golang-x-sync-dev >/dev/null 2>&1 \
            || { apt-get update -qq && apt-get install -y -qq golang-go golang-golang-x-sync-dev >/dev/null; }
    fi
    # Offline, against the Debian package: GOPATH mode, no module proxy.
    (cd benchmarks/go && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= GOPROXY=off GOCACHE="$OUT/go-build" \
        go build -o "$OUT/singleflight_bench" singleflight_bench.go)
    "$OUT/singleflight_bench" "$OUT/go.json"
}

part_herd() {
    echo "== herd: 1, 16, 256 callers on one key of a 20 ms method"
    $JAVA io.github.coalesce.bench.HerdHarness "$OUT/herd.json"
}

part_interceptor() {
    echo "== through the CDI interceptor, in a booted Quarkus application"
    java -Xms1g -Xmx1g -jar benchmarks/target/quarkus-app/quarkus-run.jar "$OUT/interceptor.json"
}

part_pending() {
    echo "== memory per pending view, and the Go pattern's caller cost"
    $JAVA io.github.coalesce.bench.PendingMemoryHarness "$OUT/pending.json"
}

part_flush() {
    echo "== flush: unnest chunks vs addBatch"
    $JAVA io.github.coalesce.bench.FlushHarness "$OUT/flush.json"
}

part_viewers() {
    echo "== viewer relation: flush pairs/s (4 writers) and statements per 10 000 views"
    $JAVA io.github.coalesce.bench.ViewersHarness "$OUT/viewers.json"
}

part_http() {
    JAVA="$JAVA" bash benchmarks/http.sh "$OUT"
}

part_http-viewers() {
    JAVA="$JAVA" bash benchmarks/http-viewers.sh "$OUT"
}

part_http-collapse() {
    JAVA="$JAVA" bash benchmarks/http-collapse.sh "$OUT"
}

part_cluster() {
    JAVA="$JAVA" bash benchmarks/cluster.sh "$OUT"
}

part_soak() {
    JAVA="$JAVA" bash benchmarks/soak.sh "$OUT"
}

touch "$OUT/run.properties"
for part in $PARTS; do
    started=$SECONDS
    "part_$part"
    seconds=$((SECONDS - started))
    echo "   ($part: ${seconds} s)"
    grep -v "^run_seconds_${part//-/_}=" "$OUT/run.properties" > "$OUT/run.properties.new" || true
    echo "run_seconds_${part//-/_}=$seconds" >> "$OUT/run.properties.new"
    mv "$OUT/run.properties.new" "$OUT/run.properties"
done
echo "   (all parts run now: ${SECONDS} s, the build included)"
[ $# -gt 0 ] || echo "run_seconds_total=$SECONDS" >> "$OUT/run.properties"

echo "== report"
# shellcheck disable=SC2086
$JAVA io.github.coalesce.bench.Report "$OUT" $ALL_PARTS run
