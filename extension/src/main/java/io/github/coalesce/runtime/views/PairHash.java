package io.github.coalesce.runtime.views;

/**
 * The hash of an (id, viewer) key. A record's own hash, {@code 31 * a + b}, collides for keys that real traffic makes:
 * viewers whose ids differ in their last characters ({@code address:10.0.0.7}, {@code …8}) have hashes a few units
 * apart, and {@code 31 * hash + id} then repeats across neighbouring ids, so whole runs of keys share a bin. Bins of
 * keys that are not {@link Comparable} are searched one by one. Mixing both parts through a 64-bit multiplication
 * spreads such keys over the table.
 */
final class PairHash {

    private PairHash() {
    }

    static int of(long id, String viewer) {
        long mixed = (id * 0x9E3779B97F4A7C15L + (viewer == null ? 0 : viewer.hashCode())) * 0xBF58476D1CE4E5B9L;
        return (int) (mixed ^ (mixed >>> 32));
    }
}
