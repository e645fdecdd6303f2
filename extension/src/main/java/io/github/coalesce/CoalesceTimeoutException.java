package io.github.coalesce;

import java.time.Duration;

/**
 * Thrown to a follower that waited longer than its maximum wait for the flight it joined. The flight itself goes on
 * for its leader and its other followers.
 */
public class CoalesceTimeoutException extends RuntimeException {

    private final transient Object key;

    /**
     * @param key the key of the flight the follower waited for
     * @param waited how long it waited (its maximum wait)
     */
    public CoalesceTimeoutException(Object key, Duration waited) {
        super("Waited " + waited.toMillis() + " ms for the in-flight call with key " + key
                + " without a result (max wait exceeded)");
        this.key = key;
    }

    /** @return the key of the flight that was waited for */
    public Object key() {
        return key;
    }
}
