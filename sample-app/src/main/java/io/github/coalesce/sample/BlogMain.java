package io.github.coalesce.sample;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the blog. Quarkus refuses a request target that {@link java.net.URI} cannot parse (a {@code %} not followed by
 * two hexadecimal digits, a {@code <} or {@code "} in the path) with an empty 400 before any handler runs; this app
 * answers every error as JSON naming what is wrong, so it turns that check off (Quarkus reads
 * {@code vertx.disableURIValidation} once, when its HTTP recorder loads, so it must be set before Quarkus starts) and
 * lets {@link HttpLevelErrors} and the resources judge such targets. The hostile-input suite sends them to every
 * endpoint and asserts that none is answered with a 5xx.
 */
@QuarkusMain
public class BlogMain {

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", System.getProperty("vertx.disableURIValidation", "true"));
        Quarkus.run(args);
    }
}
