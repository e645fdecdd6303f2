package io.github.coalesce.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.github.coalesce.Coalescer;
import io.github.coalesce.FlightOptions;
import io.quarkus.arc.DefaultBean;

/**
 * Provides the application's {@link Coalescer}, configured from {@code quarkus.coalesce.*}, whose reactive followers
 * resume in their own Vert.x and request context.
 */
public class CoalescerProducer {

    @Produces
    @ApplicationScoped
    @DefaultBean
    Coalescer coalescer(CoalesceConfig config) {
        return new Coalescer(defaultOptions(config), new CallerContexts());
    }

    static FlightOptions defaultOptions(CoalesceConfig config) {
        return FlightOptions.DEFAULTS
                .withMaxWait(config.maxWait().orElse(null), config.onMaxWait() == CoalesceConfig.MaxWaitAction.RUN)
                .withMaxAge(config.maxAge().orElse(null));
    }
}
