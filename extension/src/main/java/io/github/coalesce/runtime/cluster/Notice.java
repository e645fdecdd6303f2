package io.github.coalesce.runtime.cluster;

/**
 * The small message a leader publishes when its flight ends: which key, and how it ended. Results themselves are
 * stored, not published, so a notice stays small whatever the result.
 *
 * @param hash the flight's key hash
 * @param kind how the flight ended
 * @param type the exception's class name, for {@link Kind#FAILED}
 * @param message the exception's message (bounded), for {@link Kind#FAILED}
 */
record Notice(String hash, Kind kind, String type, String message) {

    /** The longest exception message a notice carries. */
    static final int MAX_MESSAGE = 512;

    enum Kind {
        /** The result is stored: read it. */
        STORED,
        /** The result was too large (or not serializable) to store: run the call yourself. */
        NOT_STORED,
        /** The execution failed: every caller gets the failure. */
        FAILED
    }

    static Notice stored(String hash) {
        return new Notice(hash, Kind.STORED, "", "");
    }

    static Notice notStored(String hash) {
        return new Notice(hash, Kind.NOT_STORED, "", "");
    }

    static Notice failed(String hash, Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        return new Notice(hash, Kind.FAILED, failure.getClass().getName(), message);
    }

    String encode() {
        return hash + '\n' + kind.name() + '\n' + type + '\n' + message;
    }

    /** @return the notice, or {@code null} for a payload that is not one */
    static Notice decode(String payload) {
        String[] parts = payload.split("\n", 4);
        if (parts.length < 4) {
            return null;
        }
        try {
            return new Notice(parts[0], Kind.valueOf(parts[1]), parts[2], parts[3]);
        } catch (IllegalArgumentException unknownKind) {
            return null;
        }
    }
}
