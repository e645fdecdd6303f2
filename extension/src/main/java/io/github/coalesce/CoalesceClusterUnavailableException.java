package io.github.coalesce;

/**
 * Redis could not be reached for a {@code @Coalesce(scope = CLUSTER)} call and
 * {@code quarkus.coalesce.cluster.on-redis-failure=fail}. With the default ({@code local}) such a call runs as a
 * local-only flight instead.
 */
public class CoalesceClusterUnavailableException extends RuntimeException {

    /**
     * @param message what failed
     * @param cause the Redis failure, or {@code null} when Redis was skipped (breaker open)
     */
    public CoalesceClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
