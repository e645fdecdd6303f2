# Sourced by the HTTP benchmark scripts (http.sh, http-viewers.sh): a wrk run measured with the CPU time the app and
# the PostgreSQL backends of its database used, and the small helpers around it.
# metric URL NAME: the value of a Prometheus series of the app at URL, 0 when absent.
# add_posts_to_100 URL: the seed has 36 posts; adds the rest, so that ids 1..100 exist.
# db_cpu_measurable DATABASE: whether backends of DATABASE run on this machine (only those can be read from /proc).
# measured_wrk LABEL FILE APP_PID DATABASE WRK_ARGUMENT...: runs wrk WRK_ARGUMENT... (which must include --latency)
# into FILE and sets WRK_RPS, WRK_REQUESTS, WRK_P99 (ms), WRK_APP_US and WRK_DB_US (CPU µs per request); fails,
# naming LABEL, when wrk reports errors.
# median VALUE...: the median.

metric() { # metric URL NAME: the value of a Prometheus series, 0 when absent
    # awk reads to the end: leaving at the first match closed the pipe on curl, which then failed with 23 (a write
    # error) and, under pipefail, took the script with it.
    curl -s "$1/q/metrics" | awk -v name="$2" '!found && $1 ~ "^"name"({|$)" {print $2; found=1} END {if (!found) print 0}'
}

add_posts_to_100() { # add_posts_to_100 URL
    local i
    for i in $(seq 37 100); do
        curl -sf -o /dev/null -u alice:alice -H 'Content-Type: application/json' \
            -d "{\"title\":\"Benchmark post $i\",\"body\":\"Post $i.\",\"tags\":[\"bench\"]}" "$1/posts"
    done
}

cpu_ticks() { # cpu_ticks APP_PID DATABASE: "pid ticks" (user + system CPU) of the app and of the backends of its database
    local pid
    for pid in "$1" $(pgrep -f "postgres: .*$2 " || true); do
        # After "pid (comm) ", utime and stime are the 12th and 13th fields.
        awk -v pid="$pid" '{sub(/^.*\) /, ""); print pid, $12 + $13}' "/proc/$pid/stat" 2>/dev/null || true
    done
}

cpu_used() { # cpu_used BEFORE AFTER APP_PID: "app_ticks db_ticks" between two cpu_ticks listings
    awk -v app="$3" 'NR == FNR {before[$1] = $2; next} {d = $2 - before[$1]; if ($1 == app) a += d; else b += d}
        END {print a + 0, b + 0}' "$1" "$2"
}

ticks_per_second=$(getconf CLK_TCK)

per_request_us() { # per_request_us TICKS REQUESTS: CPU microseconds per request
    awk -v t="$1" -v hz="$ticks_per_second" -v n="$2" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}'
}

median() { # median VALUE...
    printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'
}

# Only backends on this machine can be read from /proc (and PostgreSQL's background processes, such as the WAL
# writer, belong to no database): with a server elsewhere, the PostgreSQL CPU is left out rather than reported as 0.
db_cpu_measurable() { # db_cpu_measurable DATABASE
    [ -n "$(pgrep -f "postgres: .*$1 " || true)" ]
}

measured_wrk() { # measured_wrk LABEL FILE APP_PID DATABASE WRK_ARGUMENT...
    local label=$1 file=$2 app_pid=$3 database=$4 errors app_ticks db_ticks
    shift 4
    cpu_ticks "$app_pid" "$database" > "$OUT/cpu-before"
    wrk "$@" > "$file"
    cpu_ticks "$app_pid" "$database" > "$OUT/cpu-after"
    errors=$(awk '/Non-2xx|Socket errors/ {print}' "$file")
    [ -z "$errors" ] || { echo "wrk reported errors ($label): $errors"; exit 1; }
    WRK_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$file")
    WRK_REQUESTS=$(awk '/requests in/ {print $1}' "$file")
    WRK_P99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/, "", v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v*=1000}; print v}' "$file")
    read -r app_ticks db_ticks < <(cpu_used "$OUT/cpu-before" "$OUT/cpu-after" "$app_pid")
    WRK_APP_US=$(per_request_us "$app_ticks" "$WRK_REQUESTS")
    WRK_DB_US=$(per_request_us "$db_ticks" "$WRK_REQUESTS")
}
