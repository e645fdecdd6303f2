package io.github.coalesce.runtime.views;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The bot filter on a browser's User-Agent, beside {@code RecordBenchmark.recordBrowserUserAgent} (which passes the
 * same string every time, whose hash the string keeps): here a new string per call, as each request's header is, so
 * the table of recent verdicts hashes and compares it in full ({@code newString} alone is the baseline to subtract);
 * and the automaton without that table, what a User-Agent seen for the first time costs. In this package for the
 * package-private entry without the table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BotFilterBenchmark {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final byte[] BROWSER_BYTES = BROWSER.getBytes(StandardCharsets.ISO_8859_1);

    @Benchmark
    public int newString() {
        return new String(BROWSER_BYTES, StandardCharsets.ISO_8859_1).length();
    }

    @Benchmark
    public boolean newStringThroughFilter() {
        return BotFilter.isBot(new String(BROWSER_BYTES, StandardCharsets.ISO_8859_1));
    }

    @Benchmark
    public boolean automatonOnly() {
        return BotFilter.matches(BROWSER);
    }
}
