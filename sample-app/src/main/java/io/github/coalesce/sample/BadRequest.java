package io.github.coalesce.sample;

/** A client mistake: a 400 with a JSON body naming the field. */
public class BadRequest extends RuntimeException {

    private final String field;

    public BadRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** @return the id, or a 400 naming the path parameter when it is not a positive number */
    static long id(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest("id", "id must be a positive number, not '" + raw + "'");
    }
}
