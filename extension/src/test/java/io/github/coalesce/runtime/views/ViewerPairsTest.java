package io.github.coalesce.runtime.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.RepeatedTest;

/**
 * The viewer relation's pending pairs on their own: exact totals per pair while drains swap the map under concurrent
 * recorders (threshold flushes drain while requests record; a recorder descheduled across two drains once lost its
 * view).
 */
class ViewerPairsTest {

    private static final int RECORDERS = 4;
    private static final int VIEWS_PER_RECORDER = 200_000;
    private static final int IDS = 50;
    private static final int VIEWERS = 20;
    private static final int MIN_DRAINS = 20;

    @RepeatedTest(3)
    void noViewIsLostOrCountedTwiceWhileDrainsSwapTheMap() throws Exception {
        ViewerPairs pairs = new ViewerPairs();
        Map<String, Long> drained = new HashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(RECORDERS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger drains = new AtomicInteger();
        AtomicLong recorded = new AtomicLong();
        try {
            List<Future<?>> recorders = new ArrayList<>();
            for (int r = 0; r < RECORDERS; r++) {
                int offset = r;
                recorders.add(threads.submit(() -> {
                    start.await();
                    // At least VIEWS_PER_RECORDER each, and on until enough drains ran between them (a fast machine
                    // could otherwise finish before the drains the test is about).
                    for (int i = 0; i < VIEWS_PER_RECORDER || drains.get() < MIN_DRAINS; i++) {
                        long id = 1 + (i + offset) % IDS;
                        String viewer = "viewer-" + (i / IDS + offset) % VIEWERS;
                        assertThat(pairs.add(id, viewer, i, Integer.MAX_VALUE)).isTrue();
                        recorded.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            while (recorders.stream().anyMatch(recorder -> !recorder.isDone())) {
                collect(pairs, drained);
                drains.incrementAndGet();
            }
            for (Future<?> recorder : recorders) {
                recorder.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        // Once recorders have stopped, two more drains pick up whatever arrived late in the last swapped map.
        collect(pairs, drained);
        collect(pairs, drained);

        assertThat(drains.get()).as("drains while recording").isGreaterThanOrEqualTo(MIN_DRAINS);
        assertThat(recorded.get()).isGreaterThanOrEqualTo((long) RECORDERS * VIEWS_PER_RECORDER);
        assertThat(drained.values().stream().mapToLong(Long::longValue).sum()).as("views drained")
                .isEqualTo(recorded.get());
        assertThat(pairs.drain(500, viewer -> viewer)).isEmpty();
        assertThat(pairs.size()).isZero();
    }

    private static void collect(ViewerPairs pairs, Map<String, Long> drained) {
        for (Chunk chunk : pairs.drain(500, viewer -> "stored:" + viewer)) {
            for (int i = 0; i < chunk.ids().length; i++) {
                drained.merge(chunk.ids()[i] + "/" + chunk.pairs().viewers()[i], chunk.counts()[i], Long::sum);
            }
        }
    }
}
