package io.github.coalesce.runtime.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The stable, instance-independent hash of a flight: SHA-256 over the group, the application version, the
 * {@linkplain CanonicalKey canonical form} of the key and the principal scope. Two instances of one version compute
 * the same hash exactly for keys that are {@code equals}; a new version never picks up an old version's results.
 * <p>
 * Internal: not part of the public API.
 */
public final class ClusterKeys {

    /** A key that has no canonical form: its flight must not be shared across instances. */
    public static final class UnwritableKeyException extends Exception {
        UnwritableKeyException(String message) {
            super(message, null, false, false);
        }
    }

    private final String version;

    /** @param version the application version */
    public ClusterKeys(String version) {
        this.version = version;
    }

    /**
     * @param group the flight group
     * @param key the key the arguments formed ({@code Object[]} for several parameters)
     * @param principal {@code null} when not scoped by principal, {@code ""} for anonymous, else the name
     * @return the hash, URL-safe Base64 without padding
     * @throws UnwritableKeyException when the key (or a part of it) has no canonical form
     */
    public String hash(String group, Object key, String principal) throws UnwritableKeyException {
        return hash(group, version, CanonicalKey.write(key), principal);
    }

    /**
     * @param group the flight group
     * @param version the application version
     * @param canonicalKey the canonical form of the key
     * @param principal the principal scope, or {@code null}
     * @return the hash of the four, each length-prefixed so that no two tuples collide by concatenation
     */
    static String hash(String group, String version, String canonicalKey, String principal) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] { group, version, canonicalKey,
                    principal == null ? "\u0000" : "p:" + principal }) {
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
