// The go part of benchmarks/run.sh: golang.org/x/sync/singleflight doing what the JVM parts do, in the same run.
//
//   - uncontended: one goroutine, Do("post-42", fn) with fn a function literal that captures nothing and returns a
//     small int (no allocation of its own), as CoalesceBenchmark.coalesce calls Coalescer.execute;
//   - distinct keys: each goroutine cycles through its own 10 000 keys "post-N" (made beforehand), from 1 and from 2
//     goroutines (GOMAXPROCS 2), so that every call leads its own flight, as DistinctKeysBenchmark does;
//   - herd: N = 16 and 256 goroutines released together (a closed channel) on one key of a 20 ms function, 40 rounds
//     after one of warm-up; a follower's wake-up is the time from the function's return to the follower having the
//     result, as HerdHarness measures it.
//
// Built offline against Debian's golang-golang-x-sync-dev (GO111MODULE=off, GOPATH=/usr/share/gocode).
// Usage: singleflight_bench OUT.json
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sync/singleflight"
)

const (
	cycle        = 10000
	herdRounds   = 40
	methodMillis = 20
	measurements = 5 // each testing.Benchmark runs ~1 s; every run is a round, as JMH's 5 iterations
)

var results = map[string]interface{}{}

func put(name string, value float64) {
	results[name] = math.Round(value*100) / 100
	fmt.Printf("  %-44s %.2f\n", name, results[name])
}

func lookup() (interface{}, error) { return 7, nil }

func keys(goroutine int) []string {
	k := make([]string, cycle)
	for i := range k {
		k[i] = "post-" + strconv.Itoa(goroutine*cycle+i+1)
	}
	return k
}

// putRounds records a metric measured in rounds, as a list: the report gives their median and range.
func putRounds(name string, values []float64) {
	rounded := make([]float64, len(values))
	for i, v := range values {
		rounded[i] = math.Round(v*100) / 100
	}
	results[name] = rounded
	fmt.Printf("  %-44s %v\n", name, rounded)
}

// rounds runs the benchmark `measurements` times: every run, and the one with the median time per operation.
func rounds(f func(b *testing.B)) ([]testing.BenchmarkResult, testing.BenchmarkResult) {
	runs := make([]testing.BenchmarkResult, measurements)
	for i := range runs {
		runs[i] = testing.Benchmark(f)
	}
	sorted := append([]testing.BenchmarkResult(nil), runs...)
	sort.Slice(sorted, func(i, j int) bool { return nsPerOp(sorted[i]) < nsPerOp(sorted[j]) })
	return runs, sorted[measurements/2]
}

// each is f of every run.
func each(runs []testing.BenchmarkResult, f func(testing.BenchmarkResult) float64) []float64 {
	values := make([]float64, len(runs))
	for i, r := range runs {
		values[i] = f(r)
	}
	return values
}

func opsPerSecond(r testing.BenchmarkResult) float64 { return 1e9 / nsPerOp(r) }

func nsPerOp(r testing.BenchmarkResult) float64 { return float64(r.T.Nanoseconds()) / float64(r.N) }

func uncontended() {
	var g singleflight.Group
	runs, r := rounds(func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			g.Do("post-42", lookup)
		}
	})
	putRounds("go_uncontended_ns", each(runs, nsPerOp))
	put("go_uncontended_bytes_per_op", float64(r.AllocedBytesPerOp()))
	put("go_uncontended_allocs_per_op", float64(r.AllocsPerOp()))
}

func distinctKeys() {
	var g singleflight.Group
	own := keys(0)
	one, _ := rounds(func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			g.Do(own[i%cycle], lookup)
		}
	})
	putRounds("go_distinct_keys_ops_per_s_1_thread", each(one, opsPerSecond))
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	two, _ := rounds(func(b *testing.B) {
		var started int32
		b.SetParallelism(1) // GOMAXPROCS × 1 = 2 goroutines
		b.RunParallel(func(pb *testing.PB) {
			mine := keys(int(atomic.AddInt32(&started, 1)))
			for i := 0; pb.Next(); i++ {
				g.Do(mine[i%cycle], lookup)
			}
		})
	})
	// RunParallel's time per operation is the wall time over all goroutines' operations.
	putRounds("go_distinct_keys_ops_per_s", each(two, opsPerSecond))
}

func herdRound(g *singleflight.Group, callers int, base time.Time) (int32, []int64) {
	var executions int32
	var returned int64
	start := make(chan struct{})
	finished := make([]int64, callers)
	led := make([]bool, callers)
	var done sync.WaitGroup
	key := "post-" + strconv.FormatInt(time.Now().UnixNano(), 10)
	for i := 0; i < callers; i++ {
		done.Add(1)
		go func(caller int) {
			defer done.Done()
			<-start
			g.Do(key, func() (interface{}, error) {
				// Only the leader's own function runs.
				atomic.AddInt32(&executions, 1)
				led[caller] = true
				time.Sleep(methodMillis * time.Millisecond)
				atomic.StoreInt64(&returned, int64(time.Since(base)))
				return "value", nil
			})
			finished[caller] = int64(time.Since(base))
		}(i)
	}
	time.Sleep(5 * time.Millisecond) // let every caller reach the channel
	close(start)
	done.Wait()
	var overheads []int64
	for i := 0; i < callers; i++ {
		if !led[i] {
			overheads = append(overheads, max(0, finished[i]-returned))
		}
	}
	return executions, overheads
}

func max(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

func percentile(sorted []int64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	if i >= len(sorted) {
		i = len(sorted) - 1
	}
	return float64(sorted[i])
}

func herd() {
	var g singleflight.Group
	base := time.Now()
	for _, callers := range []int{16, 256} {
		herdRound(&g, callers, base) // warm-up
		var worst int32
		var all []int64
		for round := 0; round < herdRounds; round++ {
			executions, overheads := herdRound(&g, callers, base)
			if executions > worst {
				worst = executions
			}
			all = append(all, overheads...)
		}
		sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
		n := strconv.Itoa(callers)
		put("go_herd_executions_"+n, float64(worst))
		put("go_herd_follower_overhead_p99_us_"+n, percentile(all, 0.99)/1000)
		put("go_herd_follower_overhead_p50_us_"+n, percentile(all, 0.50)/1000)
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: singleflight_bench OUT.json")
		os.Exit(2)
	}
	uncontended()
	distinctKeys()
	herd()
	results["go_version"] = runtime.Version()
	out, err := json.MarshalIndent(results, "", "  ")
	if err == nil {
		err = os.WriteFile(os.Args[1], out, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
