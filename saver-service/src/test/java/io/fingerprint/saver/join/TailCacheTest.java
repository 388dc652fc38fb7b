package io.fingerprint.saver.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the read-ahead holds and hands out, by hand: no Kafka, no threads but one waiter. */
class TailCacheTest {

    /** Records of 100 bytes at [from, from + n): 148 bytes each as the bound counts them. */
    private static TailChunk chunk(int partition, long from, int n) {
        Poll poll = new Poll(partition);
        for (int i = 0; i < n; i++) {
            poll.add(from + i, 1, 1000 + i, new byte[100]);
        }
        return poll.chunk();
    }

    @Test
    void aRangeIsHandedOutOnlyWhenEveryOffsetOfItIsHeld() {
        TailCache cache = new TailCache(1 << 20);
        cache.start(0, 100);
        cache.append(chunk(0, 100, 10));
        cache.append(chunk(0, 110, 10));

        assertThat(cache.covering(0, 105, 112)).extracting(c -> c.from).containsExactly(100L, 110L);
        assertThat(cache.covering(0, 110, 119)).extracting(c -> c.from).containsExactly(110L);
        assertThat(cache.covering(0, 99, 105)).as("from before the follow began").isNull();
        assertThat(cache.covering(0, 115, 120)).as("not read yet").isNull();
        assertThat(cache.covering(1, 0, 0)).as("a partition not followed").isNull();
        assertThat(cache.records()).isEqualTo(20);
    }

    @Test
    void pastTheBoundTheOldestChunksGoAndTheirRangesAreNoLongerHeld() {
        TailCache cache = new TailCache(3 * 10 * 148);
        cache.start(0, 0);
        cache.start(1, 0);
        cache.append(chunk(0, 0, 10));
        cache.append(chunk(1, 0, 10));
        cache.append(chunk(0, 10, 10));
        cache.append(chunk(1, 10, 10)); // one over: partition 0's first chunk goes

        assertThat(cache.bytes()).isEqualTo(3 * 10 * 148);
        assertThat(cache.covering(0, 5, 12)).isNull();
        assertThat(cache.covering(0, 10, 19)).hasSize(1);
        assertThat(cache.covering(1, 0, 19)).hasSize(2);
    }

    @Test
    void aChunkThatDoesNotContinueWhereThePartitionStandsStartsItAgain() {
        TailCache cache = new TailCache(1 << 20);
        cache.start(0, 0);
        cache.append(chunk(0, 0, 10));
        cache.append(chunk(0, 50, 10)); // a gap: 10..49 never read

        assertThat(cache.covering(0, 5, 55)).isNull();
        assertThat(cache.covering(0, 50, 59)).hasSize(1);
        assertThat(cache.records()).isEqualTo(10);
        assertThat(cache.bytes()).isEqualTo(10 * 148);
    }

    @Test
    void aWaiterWakesWhenThePartitionIsReadPastItsEndAndGivesUpAtTheDeadline() throws Exception {
        TailCache cache = new TailCache(1 << 20);
        cache.start(0, 0);
        assertThat(cache.awaitReadPast(0, 5, System.nanoTime() + 1_000_000)).as("deadline passed, nothing read").isFalse();
        assertThat(cache.awaitReadPast(3, 5, System.nanoTime() + 60_000_000_000L)).as("not followed: no wait").isFalse();

        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return cache.awaitReadPast(0, 15, System.nanoTime() + 60_000_000_000L);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        cache.append(chunk(0, 0, 10));
        cache.append(chunk(0, 10, 10));
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void clearedNothingIsHeldAndAWaiterGivesUpAtOnce() throws Exception {
        TailCache cache = new TailCache(1 << 20);
        cache.start(0, 0);
        cache.append(chunk(0, 0, 10));
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return cache.awaitReadPast(0, 50, System.nanoTime() + 60_000_000_000L);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        cache.clear();

        assertThat(waiter.get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(cache.covering(0, 0, 5)).isNull();
        assertThat(cache.bytes()).isZero();
    }
}
