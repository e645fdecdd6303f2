package io.github.coalesce.sample;

/** The blog's roles, as given to the users in {@code application.properties}. */
final class Roles {

    /** May write posts, and edit or delete their own. */
    static final String AUTHOR = "author";

    /** May edit or delete any post. */
    static final String ADMIN = "admin";

    private Roles() {
    }
}
