package io.github.coalesce.runtime.cluster;

/**
 * The Redis keys of one flight key: its stored result, its lease and its fencing counter. The {@code {hash}} tag keeps
 * the three in one Redis Cluster slot, which the scripts that touch several of them need.
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

    String fence(ClusterKey key) {
        return prefix + "{" + key.hash() + "}:fence";
    }
}
