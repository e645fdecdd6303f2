package io.github.coalesce.security;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base of the test beans: counts executions and holds each one at a gate until the test releases it, so that callers
 * really overlap. Every wait is bounded: a broken test fails instead of hanging. Read through the methods, since the
 * injected bean is a client proxy.
 */
abstract class Gated {

    private final AtomicInteger executions = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(1);

    /** Counts one execution and waits for the gate; returns the execution's number. */
    int pass() throws InterruptedException {
        return pass(gate);
    }

    int pass(CountDownLatch latch) throws InterruptedException {
        int number = executions.incrementAndGet();
        latch.await(10, TimeUnit.SECONDS);
        return number;
    }

    void reset() {
        executions.set(0);
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    int executions() {
        return executions.get();
    }
}
