package io.github.coalesce.runtime.cluster;

/**
 * The Redis keys of one flight key: its stored result and its lease. The {@code {hash}} tag keeps both in one Redis
 * Cluster slot, which the scripts that touch both need.
 *
 * @param prefix {@code key-prefix}
 */
record FlightKeys(String prefix) {

    String result(ClusterKey key) {
        return prefix + "{" + key.hash() + "}:result";
    }

    String lease(ClusterKey key) {
        return prefix + "{" + key.hash() + "}:lease";
    }

}
