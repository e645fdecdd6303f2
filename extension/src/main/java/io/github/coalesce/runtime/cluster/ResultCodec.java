package io.github.coalesce.runtime.cluster;

/**
 * Turns a flight's result into the text stored in Redis and back.
 * <p>
 * Internal: not part of the public API.
 */
public interface ResultCodec {

    /**
     * @param value the result
     * @return its serialized form
     * @throws Exception when it cannot be serialized
     */
    String write(Object value) throws Exception;

    /**
     * @param text a serialized result
     * @return the result
     * @throws Exception when it cannot be read back
     */
    Object read(String text) throws Exception;
}
