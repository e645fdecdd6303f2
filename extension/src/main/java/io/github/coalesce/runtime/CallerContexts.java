package io.github.coalesce.runtime;

import java.util.concurrent.Executor;

import io.github.coalesce.CallerContext;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

/**
 * What makes a Quarkus caller's context its own: its Vert.x context, which in Quarkus also holds its MDC
 * ({@code VertxMDC} keeps it in the duplicated context's locals) and its context-local data, and its request context.
 * A follower's task runs on that Vert.x context, directly when already on it, with that request context active when
 * the thread has another or none, as SmallRye Context Propagation would restore it. A caller on a worker (a blocking
 * endpoint) resumes on a virtual thread dispatched in its context, never on its event loop and never on a pooled
 * worker: with every worker parked in a follower's {@code await()}, a delivery queued for a free worker would wait
 * for ever.
 * <p>
 * Internal: not part of the public API.
 */
public final class CallerContexts implements CallerContext {

    /** Vert.x is optional for the extension: an application of ArC alone gets the request context only. */
    private static final boolean VERTX = present("io.vertx.core.Vertx");

    private final ManagedContext requests = Arc.container().requestContext();

    @Override
    public Executor capture() {
        ContextState request = requests.getStateIfActive();
        Executor withRequest = task -> withRequest(request, task);
        Executor onVertx = VERTX ? OnVertx.capture(withRequest) : null;
        if (onVertx != null) {
            return onVertx;
        }
        return request == null ? null : withRequest;
    }

    /** Runs {@code task} with the caller's request context active, and leaves the thread's own as it was. */
    private void withRequest(ContextState request, Runnable task) {
        ContextState active = requests.getStateIfActive();
        if (request == null || active == request || !request.isValid()) {
            task.run();
            return;
        }
        requests.activate(request);
        try {
            task.run();
        } finally {
            if (active != null) {
                requests.activate(active);
            } else {
                requests.deactivate();
            }
        }
    }

    private static boolean present(String type) {
        try {
            Class.forName(type, false, CallerContexts.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** Touched only when Vert.x is on the class path. */
    private static final class OnVertx {

        static Executor capture(Executor withRequest) {
            Context context = Vertx.currentContext();
            if (context == null) {
                return null;
            }
            // A caller on a worker (a blocking endpoint) resumes on a worker of its context, never on its event loop.
            boolean eventLoop = Context.isOnEventLoopThread();
            return task -> {
                if (Vertx.currentContext() == context) {
                    withRequest.execute(task);
                } else if (eventLoop) {
                    context.runOnContext(ignored -> withRequest.execute(task));
                } else {
                    // dispatch makes the context current on this thread: its locals, hence its MDC, are the caller's.
                    Thread.ofVirtual().name("coalesce-resume")
                            .start(() -> ((ContextInternal) context).dispatch(() -> withRequest.execute(task)));
                }
            };
        }
    }
}
