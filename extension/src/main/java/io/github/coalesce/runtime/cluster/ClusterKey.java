package io.github.coalesce.runtime.cluster;

/**
 * One flight's identity across instances, and how its result crosses them.
 * <p>
 * Internal: not part of the public API.
 *
 * @param group the flight group (metrics tag by it, never by key)
 * @param hash the stable hash of (group, application version, key, principal)
 * @param codec writes and reads the result as JSON
 */
public record ClusterKey(String group, String hash, ResultCodec codec) {
}
