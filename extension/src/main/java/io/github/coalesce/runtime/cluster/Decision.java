package io.github.coalesce.runtime.cluster;

/**
 * What the cluster tier decided for a local leader: use another instance's outcome, lead, or run local-only.
 * <p>
 * Internal: not part of the public API.
 */
public sealed interface Decision {

    /** Another instance's execution answered: its result, already read back. */
    record Remote(Object value) implements Decision {
    }

    /** Another instance's execution failed: every caller gets the failure. */
    record RemoteFailure(RuntimeException failure) implements Decision {
    }

    /** This instance holds the lease: run the call, then {@link ClusterFlights#finish}. */
    record Lead(ClusterKey key, String token, Lease lease) implements Decision {
    }

    /** Run the call local-only (Redis away, or the leader's result could not be shared). */
    record Local(ClusterStats.Fallback reason, Throwable cause) implements Decision {
    }
}
