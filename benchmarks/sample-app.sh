# Sourced by the benchmark scripts that start the packaged sample app (needs OUT).
# start_bench_database NAME [DATABASE...]: BenchPostgres serve in the background (settings in $OUT/NAME-db.env, log
# in $OUT/NAME-postgres.log; empty databases bench_off, bench_counter and bench_naive, or the DATABASEs given); returns
# once its settings (BENCH_JDBC_BASE, BENCH_DB_USER, BENCH_DB_PASSWORD) are loaded.
# start_sample_app NAME DATABASE [JVM_OPTION...]: starts sample-app/target/quarkus-app/quarkus-run.jar on a free
# loopback port with a 256-512 MiB heap, WARN logs and the spill file $OUT/app-NAME.spill (options given later win),
# on $BENCH_JDBC_BASE/DATABASE, logging to $OUT/app-NAME.log; returns once /q/health/ready answers, with APP_URL and APP_PID set and the pid added to
# APP_PIDS (for the caller's cleanup). launch_sample_app takes the same arguments and returns at once (APP_URL and
# APP_PID set), so that several apps start together; distinct_ports URL... checks that they got ports of their own,
# and wait_for_sample_app NAME URL then waits for each.
APP_PIDS=()
# Other background processes of the script (the database, a Redis), stopped with the apps.
BENCH_PIDS=()

start_bench_database() {
    local name=$1
    shift
    rm -f "$OUT/$name-db.env"
    $JAVA io.github.coalesce.bench.BenchPostgres serve "$OUT/$name-db.env" "$@" > "$OUT/$name-postgres.log" 2>&1 &
    BENCH_PIDS+=("$!")
    for _ in $(seq 1 120); do [ -s "$OUT/$name-db.env" ] && break; sleep 0.5; done
    # shellcheck disable=SC1090
    source "$OUT/$name-db.env"
    export BENCH_DB_USER BENCH_DB_PASSWORD
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_sample_app() {
    launch_sample_app "$@"
    wait_for_sample_app "$1" "$APP_URL"
}

launch_sample_app() {
    local name=$1 database=$2 port
    shift 2
    port=$(free_port)
    # A spill file of its own, new: apps that ran together would otherwise share the prod profile's views.spill in
    # the working directory, and a file left by an earlier run would be replayed into a fresh database.
    rm -f "$OUT/app-$name.spill"
    java -Xms256m -Xmx512m -Dquarkus.http.port="$port" -Dquarkus.log.level=WARN \
        -Dquarkus.coalesce.view-counter.spill-file="$OUT/app-$name.spill" \
        -Dquarkus.datasource.jdbc.url="$BENCH_JDBC_BASE/$database" \
        -Dquarkus.datasource.username="$BENCH_DB_USER" -Dquarkus.datasource.password="$BENCH_DB_PASSWORD" \
        "$@" -jar sample-app/target/quarkus-app/quarkus-run.jar > "$OUT/app-$name.log" 2>&1 &
    APP_PID=$!
    APP_PIDS+=("$APP_PID")
    APP_URL=http://127.0.0.1:$port
}

distinct_ports() { # distinct_ports URL...: fails unless the apps' URLs differ
    # Each free_port asked the kernel for a port before any app listened: two apps given one would answer as one.
    [ "$(printf '%s\n' "$@" | sort -u | wc -l)" -eq $# ] || { echo "two apps were given one port: $*" >&2; exit 1; }
}

wait_for_sample_app() { # wait_for_sample_app NAME URL
    for _ in $(seq 1 120); do curl -sf -o /dev/null "$2/q/health/ready" && return 0; sleep 0.5; done
    echo "sample app ($1) did not start:" >&2
    tail -20 "$OUT/app-$1.log" >&2
    exit 1
}

stop_benchmark_processes() {
    for pid in "${APP_PIDS[@]}" "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
}
