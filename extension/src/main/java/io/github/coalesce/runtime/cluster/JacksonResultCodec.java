package io.github.coalesce.runtime.cluster;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Results as JSON through the application's {@code ObjectMapper}, read back as the method's generic result type
 * (resolved at build time).
 * <p>
 * Internal: not part of the public API.
 */
public final class JacksonResultCodec implements ResultCodec {

    private final ObjectMapper mapper;
    private final JavaType type;

    /**
     * @param mapper the application's mapper
     * @param canonicalType the result type as Jackson's canonical name
     */
    public JacksonResultCodec(ObjectMapper mapper, String canonicalType) {
        this.mapper = mapper;
        this.type = mapper.getTypeFactory()
                .withClassLoader(Thread.currentThread().getContextClassLoader())
                .constructFromCanonical(canonicalType);
    }

    @Override
    public String write(Object value) throws Exception {
        return mapper.writeValueAsString(value);
    }

    @Override
    public Object read(String text) throws Exception {
        return mapper.readValue(text, type);
    }
}
