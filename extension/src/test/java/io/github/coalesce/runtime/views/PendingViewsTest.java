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
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The pending map on its own: exact totals while drains swap it under concurrent recorders. */
class PendingViewsTest {

    private static final int RECORDERS = 4;
    private static final int VIEWS_PER_RECORDER = 300_000;
    private static final int IDS = 50;

    @Test
    void noIncrementIsLostOrCountedTwiceWhileDrainsSwapTheMap() throws Exception {
        PendingViews pending = new PendingViews();
        Map<Long, Long> drained = new HashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(RECORDERS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean recording = new AtomicBoolean(true);
        int drains = 0;
        try {
            List<Future<?>> recorders = new ArrayList<>();
            for (int r = 0; r < RECORDERS; r++) {
                int offset = r;
                recorders.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < VIEWS_PER_RECORDER; i++) {
                        assertThat(pending.add(1 + (i + offset) % IDS, Integer.MAX_VALUE)).isTrue();
                    }
                    return null;
                }));
            }
            start.countDown();
            // Drain as fast as possible while they record: many swaps land between a recorder's read of the map
            // and its increment, which is what the drained map is kept for.
            while (recorders.stream().anyMatch(recorder -> !recorder.isDone())) {
                pending.drain().forEach((id, views) -> drained.merge(id, views, Long::sum));
                drains++;
            }
            for (Future<?> recorder : recorders) {
                recorder.get(60, TimeUnit.SECONDS);
            }
            recording.set(false);
        } finally {
            threads.shutdownNow();
        }
        // Once recorders have stopped, two more drains pick up whatever arrived late in the last swapped map.
        pending.drain().forEach((id, views) -> drained.merge(id, views, Long::sum));
        pending.drain().forEach((id, views) -> drained.merge(id, views, Long::sum));

        assertThat(drains).as("drains while recording").isGreaterThan(10);
        assertThat(drained.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo((long) RECORDERS * VIEWS_PER_RECORDER);
        for (long id = 1; id <= IDS; id++) {
            assertThat(drained.get(id)).as("views of %d", id).isEqualTo((long) RECORDERS * VIEWS_PER_RECORDER / IDS);
        }
        assertThat(pending.drain()).isEmpty();
        assertThat(pending.size()).isZero();
    }

    @Test
    void aLateIncrementIntoTheSwappedMapIsReportedPendingAndDrainedOnce() {
        PendingViews pending = new PendingViews();
        pending.add(7, 10);
        pending.add(7, 10);
        assertThat(pending.pending(7)).isEqualTo(2);
        assertThat(pending.drain()).containsExactlyEntriesOf(Map.of(7L, 2L));
        assertThat(pending.pending(7)).as("drained, not pending any more").isZero();
        assertThat(pending.drain()).as("nothing arrived late: nothing drained twice").isEmpty();
    }

    @Test
    void newIdsBeyondTheLimitAreRefusedKnownOnesStillCount() {
        PendingViews pending = new PendingViews();
        assertThat(pending.add(1, 2)).isTrue();
        assertThat(pending.add(2, 2)).isTrue();
        assertThat(pending.add(3, 2)).as("a third id").isFalse();
        assertThat(pending.add(1, 2)).as("an id already pending").isTrue();
        assertThat(pending.size()).isEqualTo(2);
        assertThat(pending.pending(1)).isEqualTo(2);
        assertThat(pending.pending(3)).isZero();
        assertThat(pending.oldestAgeNanos()).isPositive();
        pending.drain();
        assertThat(pending.oldestAgeNanos()).isZero();
        assertThat(pending.add(3, 2)).as("room again after a drain").isTrue();
    }
}
