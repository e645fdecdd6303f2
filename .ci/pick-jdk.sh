# Defines pick_jdk: prints the newest JDK >= 21 under /usr/lib/jvm, or fails naming what is there.
# Sourced by .ci/run and benchmarks/run.sh.
pick_jdk() {
    local best="" best_version=0 dir version
    for dir in /usr/lib/jvm/*/; do
        dir=${dir%/}
        [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] && [ -f "$dir/release" ] || continue
        version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release")
        if [ -n "$version" ] && [ "$version" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
            best=$dir best_version=$version
        fi
    done
    if [ -z "$best" ]; then
        echo "no JDK >= 21 under /usr/lib/jvm (found: $(ls /usr/lib/jvm | tr '\n' ' ')); install one, e.g. temurin-25-jdk" >&2
        exit 1
    fi
    echo "$best"
}
