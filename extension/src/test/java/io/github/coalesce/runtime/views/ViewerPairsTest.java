package io.github.coalesce.runtime.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
        // What each recorder added, pair by pair: the drains must hand back exactly this, not just the same total.
        Map<String, Long> recorded = new HashMap<>();
        try {
            List<Future<Map<String, Long>>> recorders = new ArrayList<>();
            for (int r = 0; r < RECORDERS; r++) {
                int offset = r;
                recorders.add(threads.submit(() -> {
                    // Counted in an array, so that keeping the tally barely slows the recorder down.
                    long[][] added = new long[IDS][VIEWERS];
                    start.await();
                    // At least VIEWS_PER_RECORDER each, and on until enough drains ran between them (a fast machine
                    // could otherwise finish before the drains the test is about).
                    for (int i = 0; i < VIEWS_PER_RECORDER || drains.get() < MIN_DRAINS; i++) {
                        long id = 1 + (i + offset) % IDS;
                        int viewer = (i / IDS + offset) % VIEWERS;
                        assertThat(pairs.add(id, "viewer-" + viewer, i, Integer.MAX_VALUE)).isTrue();
                        added[(int) id - 1][viewer]++;
                    }
                    Map<String, Long> byPair = new HashMap<>();
                    for (int id = 1; id <= IDS; id++) {
                        for (int viewer = 0; viewer < VIEWERS; viewer++) {
                            if (added[id - 1][viewer] > 0) {
                                byPair.put(id + "/stored:viewer-" + viewer, added[id - 1][viewer]);
                            }
                        }
                    }
                    return byPair;
                }));
            }
            start.countDown();
            while (recorders.stream().anyMatch(recorder -> !recorder.isDone())) {
                collect(pairs, drained);
                drains.incrementAndGet();
            }
            for (Future<Map<String, Long>> recorder : recorders) {
                recorder.get(60, TimeUnit.SECONDS).forEach((pair, views) -> recorded.merge(pair, views, Long::sum));
            }
        } finally {
            threads.shutdownNow();
        }
        // Once recorders have stopped, two more drains pick up whatever arrived late in the last swapped map.
        collect(pairs, drained);
        collect(pairs, drained);

        // (At least MIN_DRAINS drains ran while recording, and each recorder added at least VIEWS_PER_RECORDER
        // views: the recorders' loop makes sure of both, so neither is asserted.)
        Map<String, String> wrong = new TreeMap<>();
        recorded.forEach((pair, views) -> {
            if (!views.equals(drained.get(pair))) {
                wrong.put(pair, "recorded " + views + ", drained " + drained.get(pair));
            }
        });
        drained.forEach((pair, views) -> {
            if (!recorded.containsKey(pair)) {
                wrong.put(pair, "recorded none, drained " + views);
            }
        });
        assertThat(wrong).as("pairs whose views drained differ from those recorded").isEmpty();
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
