package io.github.coalesce.runtime.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The stable, instance-independent hash of a flight: SHA-256 over the group, the application version, the
 * canonical JSON of the key (properties and map entries sorted) and the principal scope. Two instances of one
 * version compute the same hash for equal keys; a new version never picks up an old version's results.
 * <p>
 * Internal: not part of the public API.
 */
public final class ClusterKeys {

    private final ObjectMapper canonical;
    private final String version;

    /**
     * @param mapper the application's mapper (its modules serialize the key types)
     * @param version the application version
     */
    public ClusterKeys(ObjectMapper mapper, String version) {
        this.canonical = mapper instanceof JsonMapper json ? json.rebuild()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build()
                : mapper.copy().configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                        .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        this.version = version;
    }

    /**
     * @param group the flight group
     * @param key the key the arguments formed ({@code Object[]} for several parameters)
     * @param principal {@code null} when not scoped by principal, {@code ""} for anonymous, else the name
     * @return the hash, URL-safe Base64 without padding
     */
    public String hash(String group, Object key, String principal) {
        String json;
        try {
            json = canonical.writeValueAsString(key);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The key of " + group + " cannot be written as JSON: " + e
                    .getOriginalMessage(), e);
        }
        return hash(group, version, json, principal);
    }

    /**
     * @param group the flight group
     * @param version the application version
     * @param keyJson the canonical JSON of the key
     * @param principal the principal scope, or {@code null}
     * @return the hash of the four, each length-prefixed so that no two tuples collide by concatenation
     */
    static String hash(String group, String version, String keyJson, String principal) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] { group, version, keyJson, principal == null ? "\u0000" : "p:" + principal }) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            byte[] sum = digest.digest();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(sum, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
