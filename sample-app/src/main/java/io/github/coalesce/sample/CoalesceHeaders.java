package io.github.coalesce.sample;

import jakarta.ws.rs.core.Response;

import io.github.coalesce.runtime.CoalesceStats;
import io.github.coalesce.runtime.CoalescedMethods;
import io.quarkus.arc.Arc;

/**
 * Makes coalescing visible to a person with curl: which execution served this response, and how many calls and
 * executions the group has seen so far. Fire 50 requests at once and they all name the same execution.
 */
final class CoalesceHeaders {

    private CoalesceHeaders() {
    }

    static Response of(Response.ResponseBuilder response, String group, long executionId) {
        CoalesceStats stats = Arc.container().instance(CoalescedMethods.class).get().stats(group);
        return response.header("X-Coalesce-Execution", executionId)
                .header("X-Coalesce-Calls", stats.calls())
                .header("X-Coalesce-Executions", stats.executions())
                .build();
    }
}
