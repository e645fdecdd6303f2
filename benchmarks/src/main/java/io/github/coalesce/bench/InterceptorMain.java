package io.github.coalesce.bench;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.coalesce.Coalesce;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * The CDI path in a booted Quarkus application with Quarkus Security: the same trivial method on three
 * application-scoped beans, one plain, one {@code @Coalesce(shareAcrossPrincipals = true)} (no identity looked up:
 * the very path of an application without security, decided at build time) and one {@code @Coalesce} keyed by the
 * caller's principal, called from one thread through their client proxies, inside a request whose identity is set,
 * as an HTTP request's would be. The differences are what the interceptor and the engine add to a call, and what the
 * principal adds on top. Rounds of 2 000 000 calls, alternating, after warm-up rounds; every round is reported.
 */
@QuarkusMain
public class InterceptorMain implements QuarkusApplication {

    private static final int CALLS = 2_000_000;
    private static final int WARM_UP_ROUNDS = 4;
    private static final int ROUNDS = 7;

    static volatile long sink;

    @Inject
    CoalescedLookup coalesced;

    @Inject
    PrincipalLookup scoped;

    @Inject
    PlainLookup plain;

    @Inject
    CurrentIdentityAssociation identity;

    @Override
    public int run(String... args) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            identity.setIdentity(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("alice"))
                    .build());
            measure(Path.of(args.length > 0 ? args[0] : "target/interceptor.json"));
        } finally {
            request.terminate();
        }
        return 0;
    }

    private void measure(Path results) {
        String key = "post-42";
        double[] coalescedNanos = new double[ROUNDS];
        double[] scopedNanos = new double[ROUNDS];
        double[] plainNanos = new double[ROUNDS];
        for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
            long started = System.nanoTime();
            long sum = 0;
            for (int i = 0; i < CALLS; i++) {
                sum += plain.lookup(key);
            }
            long plainTook = System.nanoTime() - started;
            started = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                sum += coalesced.lookup(key);
            }
            long coalescedTook = System.nanoTime() - started;
            started = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                sum += scoped.lookup(key);
            }
            long scopedTook = System.nanoTime() - started;
            sink = sum;
            if (round >= 0) {
                plainNanos[round] = plainTook / (double) CALLS;
                coalescedNanos[round] = coalescedTook / (double) CALLS;
                scopedNanos[round] = scopedTook / (double) CALLS;
            }
        }
        // Every round (the table gives their median and range); the differences round by round, the three ways of a
        // round having run one after another.
        double[] overhead = new double[ROUNDS];
        double[] principalExtra = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            overhead[round] = coalescedNanos[round] - plainNanos[round];
            principalExtra[round] = scopedNanos[round] - coalescedNanos[round];
        }
        new Results()
                .putRounds("interceptor_direct_ns", plainNanos)
                .putRounds("interceptor_coalesce_ns", coalescedNanos)
                .putRounds("interceptor_overhead_ns", overhead)
                .putRounds("interceptor_principal_ns", scopedNanos)
                .putRounds("interceptor_principal_extra_ns", principalExtra)
                .write(results);
    }

    /** Not scoped by principal: the same interceptor path as in an application without Quarkus Security. */
    @ApplicationScoped
    public static class CoalescedLookup {
        @Coalesce(shareAcrossPrincipals = true)
        public long lookup(String key) {
            return key.length() * 31L + 7;
        }
    }

    /** Keyed by the caller's principal (the default with Quarkus Security). */
    @ApplicationScoped
    public static class PrincipalLookup {
        @Coalesce
        public long lookup(String key) {
            return key.length() * 31L + 7;
        }
    }

    @ApplicationScoped
    public static class PlainLookup {
        public long lookup(String key) {
            return key.length() * 31L + 7;
        }
    }
}
