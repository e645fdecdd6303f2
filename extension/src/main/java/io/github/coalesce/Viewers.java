package io.github.coalesce;

import java.util.Objects;

/**
 * The viewer ids of {@link ViewCounter.Viewer#id()}, and so of the viewer relation's {@code viewer} column: the one
 * definition of their format, which the Quarkus extension uses for every request and an application uses to find a
 * signed-in reader's rows ("recently viewed by me").
 * <ul>
 * <li>a signed-in reader is {@code user:<principal name>} ({@link #signedIn(String)});</li>
 * <li>anyone else is {@code address:<client host>} ({@link #address(String)}).</li>
 * </ul>
 * The relation stores {@code h:} + Base64url(HMAC-SHA-256(secret, id)) for every viewer, except signed-in readers when
 * the application opts in ({@code quarkus.coalesce.view-counter.viewers.store-principals=true},
 * {@link ViewerRelation#storingPrincipals()}): their rows hold {@link #signedIn(String)} as it is, so that
 * {@code WHERE viewer = ?} with that value finds them. The format is stored in the application's tables, so it does
 * not change between releases.
 */
public final class Viewers {

    private static final String SIGNED_IN = "user:";
    private static final String ADDRESS = "address:";

    private Viewers() {
    }

    /**
     * @param principalName the signed-in reader's principal name (e.g. {@code SecurityIdentity.getPrincipal().getName()})
     * @return the reader's viewer id, {@code user:<principalName>}: what the relation's {@code viewer} column holds for
     *         them when principals are stored
     */
    public static String signedIn(String principalName) {
        Objects.requireNonNull(principalName, "principalName");
        return SIGNED_IN + principalName;
    }

    /**
     * @param host the client's address, as the request gives it (behind a trusted proxy, the forwarded one)
     * @return the viewer id of an anonymous reader, {@code address:<host>} (always hashed before it is stored)
     */
    public static String address(String host) {
        Objects.requireNonNull(host, "host");
        return ADDRESS + host;
    }

    /**
     * @param viewer a viewer id, or what the relation stores
     * @return whether it is a signed-in reader's ({@link #signedIn(String)})
     */
    public static boolean isSignedIn(String viewer) {
        return viewer != null && viewer.startsWith(SIGNED_IN);
    }

    /**
     * The SQL {@code LIKE} pattern of signed-in readers' stored rows, {@code user:%}. A query for a reader's rows should
     * name it as a literal beside {@code viewer = ?} when the table has a partial index of those rows
     * ({@code CREATE INDEX … ON post_viewer (viewer) WHERE viewer LIKE 'user:%'}): the planner uses a partial index
     * only for a query whose conditions imply the index's, and a bound parameter does not in the generic plan that a
     * prepared statement settles on.
     *
     * @return {@code user:%}
     */
    public static String signedInPattern() {
        return SIGNED_IN + "%";
    }
}
