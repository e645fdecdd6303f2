package io.github.coalesce.sample;

/**
 * The roles that may write, as given to the users in {@code application.properties}. Any other role (the demo reader
 * carol's {@code reader}) signs in to read, e.g. {@code GET /me/recently-viewed}, and gets a 403 on every write.
 */
final class Roles {

    /** May write posts, and edit or delete their own. */
    static final String AUTHOR = "author";

    /** May edit or delete any post. */
    static final String ADMIN = "admin";

    private Roles() {
    }
}
