package io.github.coalesce.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The in-flight map key: equal calls meet in one flight, different ones never do. */
class FlightKeyTest {

    @Test
    void equalGroupsAndKeysAreEqualWithEqualHashCodes() {
        assertEqual(new FlightKey("posts", 42L, null), new FlightKey("posts", 42L, null));
        assertEqual(new FlightKey("posts", null, null), new FlightKey("posts", null, null));
    }

    @Test
    void theGroupSeparatesEqualKeys() {
        assertThat(new FlightKey("posts", 42L, null)).isNotEqualTo(new FlightKey("authors", 42L, null));
    }

    @Test
    void differentKeysAreDifferent() {
        assertThat(new FlightKey("posts", 42L, null)).isNotEqualTo(new FlightKey("posts", 43L, null))
                .isNotEqualTo(new FlightKey("posts", null, null));
        assertThat(new FlightKey("posts", null, null)).isNotEqualTo(new FlightKey("posts", 42L, null));
    }

    @Test
    void severalKeyParametersCompareByContent() {
        assertEqual(new FlightKey("g", new Object[] { 42L, "en" }, null), new FlightKey("g", new Object[] { 42L, "en" }, null));
        assertThat(new FlightKey("g", new Object[] { 42L, "en" }, null))
                .isNotEqualTo(new FlightKey("g", new Object[] { 42L, "de" }, null))
                .isNotEqualTo(new FlightKey("g", new Object[] { "en", 42L }, null));
    }

    @Test
    void arrayTypedKeysCompareByContentToo() {
        assertEqual(new FlightKey("g", new int[] { 1, 2 }, null), new FlightKey("g", new int[] { 1, 2 }, null));
        assertEqual(new FlightKey("g", new Object[] { new long[] { 7 }, "x" }, null),
                new FlightKey("g", new Object[] { new long[] { 7 }, "x" }, null));
        assertThat(new FlightKey("g", new int[] { 1, 2 }, null)).isNotEqualTo(new FlightKey("g", new int[] { 2, 1 }, null));
        assertThat(new FlightKey("g", new byte[] { 1 }, null).hashCode())
                .isNotEqualTo(new FlightKey("g", new byte[] { 2 }, null).hashCode());
    }

    @Test
    void hashCodesSpreadOverKeysAndGroups() {
        assertThat(new FlightKey("g", 1L, null).hashCode()).isNotEqualTo(new FlightKey("g", 2L, null).hashCode());
        assertThat(new FlightKey("a", 1L, null).hashCode()).isNotEqualTo(new FlightKey("b", 1L, null).hashCode());
        assertThat(new FlightKey("g", new Object[] { 1L, 2L }, null).hashCode())
                .isNotEqualTo(new FlightKey("g", new Object[] { 2L, 1L }, null).hashCode());
    }

    @Test
    void thePrincipalSeparatesUsersAndTheAnonymousScope() {
        assertEqual(new FlightKey("g", 42L, "alice"), new FlightKey("g", 42L, "alice"));
        assertThat(new FlightKey("g", 42L, "alice")).isNotEqualTo(new FlightKey("g", 42L, "bob"))
                .isNotEqualTo(new FlightKey("g", 42L, FlightKey.ANONYMOUS))
                .isNotEqualTo(new FlightKey("g", 42L, null));
        assertThat(new FlightKey("g", 42L, FlightKey.ANONYMOUS)).isNotEqualTo(new FlightKey("g", 42L, null));
        assertThat(new FlightKey("g", 42L, "alice").hashCode()).isNotEqualTo(new FlightKey("g", 42L, "bob").hashCode());
    }

    @Test
    void toStringNamesTheGroupAndTheKeyParameters() {
        assertThat(new FlightKey("posts", 42L, null)).hasToString("posts[42]");
        assertThat(new FlightKey("posts", new Object[] { 42L, "en" }, null)).hasToString("posts[42, en]");
    }

    private static void assertEqual(FlightKey one, FlightKey other) {
        assertThat(one).isEqualTo(other);
        assertThat(one.hashCode()).isEqualTo(other.hashCode());
    }
}
