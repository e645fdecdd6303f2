package io.github.coalesce.sample;

/** An authenticated caller asked for something only someone else may do: a 403 with a JSON body. */
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
