package io.github.coalesce.security.context;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.coalesce.Coalesce;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One piece of work for everyone (shared across principals), held until the test releases it. The first execution's
 * result is emitted on the leader's own event loop, as a Vert.x client's would be: that is where followers used to be
 * completed.
 */
@ApplicationScoped
public class SharedWork {

    static final String UNI = SharedWork.class.getName() + "#uni(java.lang.String)";
    static final String STAGE = SharedWork.class.getName() + "#stage(java.lang.String)";
    static final String UNI_RUN = SharedWork.class.getName() + "#uniRun(java.lang.String)";
    static final String STAGE_RUN = SharedWork.class.getName() + "#stageRun(java.lang.String)";

    private final AtomicInteger executions = new AtomicInteger();
    private volatile CompletableFuture<Void> gate = new CompletableFuture<>();

    @Inject
    Report report;

    @Coalesce(shareAcrossPrincipals = true)
    public Uni<String> uni(String id) {
        return gated("shared #" + executions.incrementAndGet());
    }

    @Coalesce(shareAcrossPrincipals = true)
    public CompletionStage<String> stage(String id) {
        String result = "shared #" + executions.incrementAndGet();
        return gate.thenApplyAsync(ignored -> result, on(Vertx.currentContext()));
    }

    /** The first call leads and waits; a follower past its max wait runs this itself and reports where. */
    @Coalesce(shareAcrossPrincipals = true, maxWait = "300ms", onMaxWait = Coalesce.OnMaxWait.RUN)
    public Uni<String> uniRun(String id) {
        int execution = executions.incrementAndGet();
        return execution == 1 ? gated("shared #1") : Uni.createFrom().item("own call: " + report.here());
    }

    @Coalesce(shareAcrossPrincipals = true, maxWait = "300ms", onMaxWait = Coalesce.OnMaxWait.RUN)
    public CompletionStage<String> stageRun(String id) {
        int execution = executions.incrementAndGet();
        return execution == 1 ? gate.thenApplyAsync(ignored -> "shared #1", on(Vertx.currentContext()))
                : CompletableFuture.completedFuture("own call: " + report.here());
    }

    /** For the collapsed endpoints: the first execution waits, the others report where they ran. */
    Uni<String> http(String alone) {
        int execution = executions.incrementAndGet();
        return execution == 1 ? gated("http #1") : Uni.createFrom().item(alone + report.here());
    }

    private Uni<String> gated(String result) {
        Context leader = Vertx.currentContext();
        return Uni.createFrom().completionStage(gate).emitOn(on(leader)).map(ignored -> result);
    }

    private static Executor on(Context context) {
        return task -> context.runOnContext(ignored -> task.run());
    }

    void release() {
        gate.complete(null);
    }

    void reset() {
        executions.set(0);
        gate = new CompletableFuture<>();
    }

    int executions() {
        return executions.get();
    }
}
