package io.github.coalesce.security.context;

import jakarta.enterprise.context.RequestScoped;

import io.vertx.core.Context;

/** The caller's own request-scoped state: its tag, and the Vert.x context its request started on. */
@RequestScoped
public class CallerTag {

    private String value;
    private Context vertx;

    // Methods, not fields: a field write on the client proxy would reach no request's instance.
    void set(String value, Context vertx) {
        this.value = value;
        this.vertx = vertx;
    }

    String value() {
        return value;
    }

    Context vertx() {
        return vertx;
    }
}
