package io.github.coalesce.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** A flat JSON object of metric name → number, as each harness writes it and the report merges them. */
public final class Results {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> values = new LinkedHashMap<>();

    public Results put(String name, double value) {
        values.put(name, Math.round(value * 100) / 100.0);
        System.out.printf("  %-44s %s%n", name, values.get(name));
        return this;
    }

    /** A metric measured in rounds: the report gives their median and range (see {@code Rounds}). */
    public Results putRounds(String name, double... rounds) {
        double[] rounded = new double[rounds.length];
        for (int i = 0; i < rounds.length; i++) {
            rounded[i] = Math.round(rounds[i] * 100) / 100.0;
        }
        values.put(name, rounded);
        System.out.printf("  %-44s %s%n", name, rounds.length > 12
                ? rounds.length + " rounds, " + Arrays.stream(rounded).min().orElse(0) + "–"
                        + Arrays.stream(rounded).max().orElse(0)
                : Arrays.toString(rounded));
        return this;
    }

    public Results put(String name, String value) {
        values.put(name, value);
        return this;
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) {
        try {
            return Files.exists(file) ? JSON.readValue(file.toFile(), LinkedHashMap.class) : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
