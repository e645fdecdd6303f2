package io.github.coalesce;

/**
 * What one flight group has done since start: live, read-only counters (each read returns the current value). The
 * same numbers are published as the {@code coalesce.*{method=…}} meters when Micrometer is present.
 */
public interface FlightGroup {

    /** @return the group's name: {@code @Coalesce(name = …)}, or {@code declaring.Class#method(ParamType,…)} */
    String name();

    /** @return calls made, leaders and followers alike ({@code coalesce.calls}) */
    long calls();

    /** @return executions of the method, one per flight ({@code coalesce.executions}) */
    long executions();

    /** @return calls that joined a running flight instead of executing ({@code coalesce.joined}) */
    long joined();

    /** @return executions that ended with an exception ({@code coalesce.failures}) */
    long failures();

    /** @return followers that gave up after their maximum wait ({@code coalesce.max.wait.timeouts}) */
    long maxWaitTimeouts();

    /** @return flights detached as stuck after their maximum age ({@code coalesce.detached}) */
    long detached();

    /** @return flights started and not yet finished ({@code coalesce.in.flight}) */
    long inFlight();

    /** @return the most callers one execution has served (the max of {@code coalesce.fan.in}) */
    long maxFanIn();
}
