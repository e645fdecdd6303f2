package io.github.coalesce.sample;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * A body naming a field twice ({@code {"title": "a", "title": "b"}}) is a 400 naming that field, not a silent "last one
 * wins": a client (or a proxy in between) that sends two values means one of them, and guessing which is a silent drop.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
