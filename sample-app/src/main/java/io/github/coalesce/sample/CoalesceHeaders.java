package io.github.coalesce.sample;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import io.github.coalesce.FlightGroup;
import io.github.coalesce.FlightGroups;

/**
 * Makes coalescing visible to a person with curl: which execution served this response, and how many calls and
 * executions the group has seen so far. Fire 50 requests at once and they all name the same execution.
 * <p>
 * The execution is named by when it ran: callers that shared one execution receive the very same record, so the same
 * time, while two executions of one key never run at the same instant (the second starts after the first ended).
 */
@ApplicationScoped
public class CoalesceHeaders {

    @Inject
    FlightGroups groups;

    /**
     * @param response the response to decorate
     * @param group the flight group of the {@code @Coalesce} method that computed the body
     * @param computedAt when that execution ran, as recorded in the shared result
     * @return the response with the {@code X-Coalesce-*} headers
     */
    Response of(Response.ResponseBuilder response, String group, OffsetDateTime computedAt) {
        FlightGroup stats = groups.group(group)
                .orElseThrow(() -> new IllegalStateException("no @Coalesce method in the group " + group));
        return response.header("X-Coalesce-Execution", computedAt.toString())
                .header("X-Coalesce-Calls", stats.calls())
                .header("X-Coalesce-Executions", stats.executions())
                .build();
    }
}
