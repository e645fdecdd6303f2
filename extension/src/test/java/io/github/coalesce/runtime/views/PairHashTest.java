package io.github.coalesce.runtime.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

/**
 * The cooldown's cache and the pair map hash (id, viewer) keys of real traffic: addresses that differ in their last
 * octets, over a site's posts. Such keys must land in about as many bins of a hash table as random hashes would, not a
 * few keys a bin as a record's {@code 31 * hash + id} put them.
 */
class PairHashTest {

    private static final int READERS = 20_000;
    private static final int POSTS = 100;
    /** Bins of a table sized for the keys as {@code ConcurrentHashMap} sizes one, and its spreading of the hash. */
    private static final int BINS = 1 << 22;

    @Test
    void keysOfAddressesThatDifferInTheirLastOctetsSpreadOverTheTable() {
        BitSet occupied = new BitSet(BINS);
        for (int reader = 0; reader < READERS; reader++) {
            String viewer = "address:198." + (18 + reader / 65_536) + "." + reader / 256 % 256 + "." + reader % 256;
            for (long id = 1; id <= POSTS; id++) {
                int hash = PairHash.of(id, viewer);
                occupied.set((hash ^ (hash >>> 16)) & (BINS - 1));
            }
        }
        // Random hashes would occupy BINS * (1 - e^(-keys / BINS)) bins, about 38 % of them here.
        double keys = (double) READERS * POSTS;
        double random = BINS * (1 - Math.exp(-keys / BINS));
        assertThat(occupied.cardinality()).isGreaterThan((int) (0.95 * random));
    }
}
