package io.github.coalesce.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The in-flight map key: equal calls meet in one flight, different ones never do. */
class FlightKeyTest {

    @Test
    void equalGroupsAndKeysAreEqualWithEqualHashCodes() {
        assertEqual(new FlightKey("posts", 42L), new FlightKey("posts", 42L));
        assertEqual(new FlightKey("posts", null), new FlightKey("posts", null));
    }

    @Test
    void theGroupSeparatesEqualKeys() {
        assertThat(new FlightKey("posts", 42L)).isNotEqualTo(new FlightKey("authors", 42L));
    }

    @Test
    void differentKeysAreDifferent() {
        assertThat(new FlightKey("posts", 42L)).isNotEqualTo(new FlightKey("posts", 43L))
                .isNotEqualTo(new FlightKey("posts", null));
        assertThat(new FlightKey("posts", null)).isNotEqualTo(new FlightKey("posts", 42L));
    }

    @Test
    void severalKeyParametersCompareByContent() {
        assertEqual(new FlightKey("g", new Object[] { 42L, "en" }), new FlightKey("g", new Object[] { 42L, "en" }));
        assertThat(new FlightKey("g", new Object[] { 42L, "en" }))
                .isNotEqualTo(new FlightKey("g", new Object[] { 42L, "de" }))
                .isNotEqualTo(new FlightKey("g", new Object[] { "en", 42L }));
    }

    @Test
    void arrayTypedKeysCompareByContentToo() {
        assertEqual(new FlightKey("g", new int[] { 1, 2 }), new FlightKey("g", new int[] { 1, 2 }));
        assertEqual(new FlightKey("g", new Object[] { new long[] { 7 }, "x" }),
                new FlightKey("g", new Object[] { new long[] { 7 }, "x" }));
        assertThat(new FlightKey("g", new int[] { 1, 2 })).isNotEqualTo(new FlightKey("g", new int[] { 2, 1 }));
        assertThat(new FlightKey("g", new byte[] { 1 }).hashCode())
                .isNotEqualTo(new FlightKey("g", new byte[] { 2 }).hashCode());
    }

    @Test
    void hashCodesSpreadOverKeysAndGroups() {
        assertThat(new FlightKey("g", 1L).hashCode()).isNotEqualTo(new FlightKey("g", 2L).hashCode());
        assertThat(new FlightKey("a", 1L).hashCode()).isNotEqualTo(new FlightKey("b", 1L).hashCode());
        assertThat(new FlightKey("g", new Object[] { 1L, 2L }).hashCode())
                .isNotEqualTo(new FlightKey("g", new Object[] { 2L, 1L }).hashCode());
    }

    @Test
    void toStringNamesTheGroupAndTheKeyParameters() {
        assertThat(new FlightKey("posts", 42L)).hasToString("posts[42]");
        assertThat(new FlightKey("posts", new Object[] { 42L, "en" })).hasToString("posts[42, en]");
    }

    private static void assertEqual(FlightKey one, FlightKey other) {
        assertThat(one).isEqualTo(other);
        assertThat(one.hashCode()).isEqualTo(other.hashCode());
    }
}
