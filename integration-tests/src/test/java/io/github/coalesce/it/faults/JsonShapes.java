package io.github.coalesce.it.faults;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generated JSON text: any value (nested), and objects shaped more or less like a post. */
final class JsonShapes {

    private JsonShapes() {
    }

    /** @return any JSON value, nested up to {@code depth} levels */
    static Arbitrary<String> values(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of("null", "true", "false", "0", "-0", "1e400",
                "-1e-400", "123456789012345678901234567890", "1.5", "NaN", "\"\""),
                Arbitraries.longs().map(Object::toString), strings());
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> nested = Arbitraries.lazy(() -> values(depth - 1));
        Arbitrary<String> array = nested.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(keys(), nested).as((k, v) -> "\"" + k + "\":" + v).list()
                .ofMaxSize(4).map(members -> "{" + String.join(",", members) + "}");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(2, object));
    }

    /** @return objects with title, body and tags of any type, extra members and duplicated keys */
    static Arbitrary<String> posts() {
        Arbitrary<String> anyValue = values(2);
        Arbitrary<String> member = Combinators.combine(Arbitraries.of("title", "body", "tags", "id", "views",
                "createdAt", "__proto__", "constructor"),
                Arbitraries.oneOf(anyValue, strings(),
                        strings().list().ofMaxSize(12).map(tags -> "[" + String.join(",", tags) + "]")))
                .as((k, v) -> "\"" + k + "\":" + v);
        return member.list().ofMaxSize(6).map(members -> "{" + String.join(",", members) + "}");
    }

    static Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.of("title", "body", "tags", "", "$ref", "a\\u0000b"),
                Arbitraries.strings().alpha().ofMaxLength(6));
    }

    /** @return JSON string literals: unicode, escapes, control characters, markup, long ones */
    static Arbitrary<String> strings() {
        Arbitrary<String> raw = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
                Arbitraries.of("<script>alert(1)</script>", "\u202e", "\ud83d\udca9", "\\u0000", "' OR 1=1 --",
                        "a".repeat(250), "x".repeat(100_001), "  ", "tag!"));
        return raw.map(JsonShapes::quote);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) && !validSurrogateAt(text, i)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static boolean validSurrogateAt(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
