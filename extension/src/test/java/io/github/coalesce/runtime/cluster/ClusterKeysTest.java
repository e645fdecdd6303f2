package io.github.coalesce.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.github.coalesce.runtime.cluster.ClusterKeys.UnwritableKeyException;

/**
 * The cluster hash follows {@code equals}: equal keys hash alike whatever their iteration order, unequal keys never
 * do, and a key with no canonical form gets no hash at all.
 */
class ClusterKeysTest {

    private final ClusterKeys keys = new ClusterKeys("1.0");

    record ProductKey(long id, String locale) {
    }

    record Filter(Set<String> tags, Map<String, Integer> weights, int limit) {
    }

    enum Sort {
        NEWEST,
        OLDEST
    }

    /** The key class of issue 25: equals over two private fields, nothing Jackson sees. */
    static final class OpaqueProductKey {
        private final long id;
        private final String locale;

        OpaqueProductKey(long id, String locale) {
            this.id = id;
            this.locale = locale;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof OpaqueProductKey that && id == that.id && locale.equals(that.locale);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, locale);
        }
    }

    private String hash(Object key) throws UnwritableKeyException {
        return keys.hash("g", key, null);
    }

    @Test
    void recordsHashByEveryComponent() throws Exception {
        assertThat(hash(new ProductKey(1, "en"))).isEqualTo(hash(new ProductKey(1, "en")))
                .isNotEqualTo(hash(new ProductKey(2, "fr")))
                .isNotEqualTo(hash(new ProductKey(1, "fr")))
                .isNotEqualTo(hash(new ProductKey(2, "en")));
    }

    @Test
    void aKeyWithoutCanonicalFormGetsNoHash() {
        assertThatThrownBy(() -> hash(new OpaqueProductKey(1, "en"))).isInstanceOf(UnwritableKeyException.class)
                .hasMessageContaining(OpaqueProductKey.class.getName());
        assertThatThrownBy(() -> hash(List.of(new ProductKey(1, "en"), new OpaqueProductKey(2, "fr"))))
                .isInstanceOf(UnwritableKeyException.class);
        assertThatThrownBy(() -> hash(new Object[] { "a", new StringBuilder("b") }))
                .isInstanceOf(UnwritableKeyException.class);
    }

    @Test
    void setsAndMapsHashByContentNotIterationOrder() throws Exception {
        Set<String> ab = new LinkedHashSet<>(List.of("java", "quarkus", "redis"));
        Set<String> ba = new LinkedHashSet<>(List.of("redis", "quarkus", "java"));
        Map<String, Integer> first = new LinkedHashMap<>();
        first.put("a", 1);
        first.put("b", 2);
        Map<String, Integer> second = new HashMap<>(64);
        second.put("b", 2);
        second.put("a", 1);
        assertThat(hash(new Filter(ab, first, 10))).isEqualTo(hash(new Filter(ba, second, 10)))
                .isEqualTo(hash(new Filter(new TreeSet<>(ab), Map.of("b", 2, "a", 1), 10)))
                .isNotEqualTo(hash(new Filter(Set.of("java", "quarkus"), first, 10)))
                .isNotEqualTo(hash(new Filter(ab, Map.of("a", 1, "b", 3), 10)))
                .isNotEqualTo(hash(new Filter(ab, first, 11)));
    }

    @Test
    void valuesHashAsTheirEqualsCompares() throws Exception {
        // BigDecimal.equals compares the scale: 1.0 and 1.00 are two keys.
        assertThat(hash(new BigDecimal("1.0"))).isEqualTo(hash(new BigDecimal("1.0")))
                .isNotEqualTo(hash(new BigDecimal("1.00")));
        // An Integer is never equal to a Long of the same value.
        assertThat(hash(1)).isNotEqualTo(hash(1L));
        assertThat(hash("1")).isNotEqualTo(hash(1));
        assertThat(hash(Sort.NEWEST)).isEqualTo(hash(Sort.NEWEST)).isNotEqualTo(hash(Sort.OLDEST));
        UUID id = UUID.randomUUID();
        assertThat(hash(id)).isEqualTo(hash(UUID.fromString(id.toString()))).isNotEqualTo(hash(UUID.randomUUID()));
        OffsetDateTime noon = OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        // The same instant at another offset is not equals, so not one key.
        assertThat(hash(noon)).isEqualTo(hash(noon.plusNanos(0)))
                .isNotEqualTo(hash(noon.withOffsetSameInstant(ZoneOffset.ofHours(1))));
        assertThat(hash(LocalDate.of(2026, 1, 1))).isNotEqualTo(hash(LocalDate.of(2026, 1, 2)));
        // A string cannot pose as another structure by its content.
        assertThat(hash(List.of("a,b"))).isNotEqualTo(hash(List.of("a", "b")));
        assertThat(hash(new Object[] { "a", 1 })).isEqualTo(hash(new Object[] { "a", 1 }))
                .isNotEqualTo(hash(new Object[] { "a", 2 }));
        assertThat(hash(new long[] { 1, 2 })).isEqualTo(hash(new long[] { 1, 2 })).isNotEqualTo(hash(new long[] { 2, 1 }));
    }

    @Test
    void thePrincipalIsPartOfTheHash() throws Exception {
        String alice = keys.hash("g", List.of(), "alice");
        String bob = keys.hash("g", List.of(), "bob");
        String anonymous = keys.hash("g", List.of(), "");
        String unscoped = keys.hash("g", List.of(), null);
        assertThat(Set.of(alice, bob, anonymous, unscoped)).hasSize(4);
        assertThat(keys.hash("g", List.of(), "alice")).isEqualTo(alice);
    }

    @Test
    void theVersionAndGroupArePartOfTheHash() throws Exception {
        assertThat(hash("k")).isNotEqualTo(new ClusterKeys("2.0").hash("g", "k", null))
                .isNotEqualTo(keys.hash("h", "k", null));
    }
}
