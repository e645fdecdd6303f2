package io.github.coalesce;

/**
 * The execution of a {@code @Coalesce(scope = CLUSTER)} call failed on another instance, which led the flight: every
 * caller of that flight, on every instance, gets the failure. The original exception cannot cross instances, so its
 * type and message are carried instead.
 */
public class CoalesceRemoteFailureException extends RuntimeException {

    private final String remoteType;

    /**
     * @param remoteType the class name of the exception thrown by the leader
     * @param message its message (possibly shortened), or {@code null}
     */
    public CoalesceRemoteFailureException(String remoteType, String message) {
        super(remoteType + (message == null ? "" : ": " + message), null, false, false);
        this.remoteType = remoteType;
    }

    /** @return the class name of the exception the leader's execution threw */
    public String remoteType() {
        return remoteType;
    }
}
