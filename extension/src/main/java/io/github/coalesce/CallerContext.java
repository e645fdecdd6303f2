package io.github.coalesce;

import java.util.concurrent.Executor;

/**
 * Where a follower of a {@code Uni} or {@code CompletionStage} call resumes. Without it a follower would be
 * completed on the thread that completed the leader, inside the leader's context (its event loop, its context-local
 * data, its MDC). A {@link Coalescer} captures the follower's context when it subscribes (or calls, for a stage) and
 * hands its result, and its own call after its maximum wait, to what was captured.
 * <p>
 * The Quarkus extension installs one that returns to the caller's Vert.x context with its request context active;
 * {@link #NONE}, the default of {@code new Coalescer()}, runs everything where it completes.
 */
@FunctionalInterface
public interface CallerContext {

    /** Captures nothing: a follower is completed on the thread that completed the flight. */
    CallerContext NONE = () -> null;

    /**
     * Called on the caller's thread when it joins a flight.
     *
     * @return an executor that runs a task in the calling thread's context (directly when the thread running the
     *         task is in that context already, else by dispatching it there), or {@code null} when there is no
     *         context to return to
     */
    Executor capture();
}
