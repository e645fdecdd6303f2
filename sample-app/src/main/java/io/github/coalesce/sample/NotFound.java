package io.github.coalesce.sample;

/** A post id that does not exist: a 404 with a JSON body. */
public class NotFound extends RuntimeException {

    public NotFound(long id) {
        super("post " + id + " does not exist");
    }
}
