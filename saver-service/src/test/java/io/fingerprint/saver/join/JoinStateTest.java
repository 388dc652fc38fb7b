package io.fingerprint.saver.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.saver.ingest.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The join's decisions with a hand-driven clock and two partitions. */
class JoinStateTest {

    private static final long OOO = 10_000;
    private static final long MAX_WAIT = 120_000;
    private static final long START = 600_000;
    private static final long END = 660_000;

    private final JoinState state = new JoinState(OOO, MAX_WAIT, 30_000);
    private final AtomicInteger acks = new AtomicInteger();

    private static Fingerprint fingerprint(String uuid, long equip, long start, long end) {
        return new Fingerprint(uuid, Long.toString(equip), equip, "kiln", start, end, List.of("0001"),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private void reading(int partition, long equip, long ts) {
        state.onReading(partition, equip, ts, ("r" + equip + "@" + ts).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> raws(SaveRequest r) {
        List<String> out = new ArrayList<>();
        r.inputRecords().forEach(b -> out.add(new String(b.raw(), StandardCharsets.UTF_8)));
        return out;
    }

    private void arriveAndRewind(Fingerprint f, long now) {
        state.offer(f, acks::incrementAndGet, now);
        state.rewindTo().ifPresent(floor -> state.rewound(floor, 2));
    }

    @Test
    void aFingerprintWaitsUntilEveryPartitionHasPassedEndPlusOutOfOrderness() {
        arriveAndRewind(fingerprint("a", 1, START, END), 1_000);
        reading(0, 1, START + 5);
        reading(1, 1, END - 1);
        reading(0, 1, END + OOO); // partition 0 passed
        reading(1, 2, END + OOO - 1); // partition 1 not yet
        assertThat(state.collectReady(2_000)).isEmpty();

        reading(1, 1, START + 7); // late but within the bound: still in
        reading(1, 2, END + OOO);
        List<SaveRequest> ready = state.collectReady(3_000);

        assertThat(ready).hasSize(1);
        assertThat(ready.get(0).complete()).isTrue();
        assertThat(raws(ready.get(0))).containsExactly("r1@" + (START + 5), "r1@" + (START + 7), "r1@" + (END - 1));
        assertThat(state.pendingCount()).isZero();
    }

    @Test
    void aPartitionReadToItsEndAfterTheFingerprintArrivedCountsAsPassed() {
        arriveAndRewind(fingerprint("a", 1, START, END), 1_000);
        reading(0, 1, START + 5);
        state.onCaughtUp(0, 1_100);
        state.onCaughtUp(1, 900); // checked before the fingerprint arrived: proves nothing
        assertThat(state.collectReady(1_200)).isEmpty();

        state.onCaughtUp(1, 1_300);
        assertThat(state.collectReady(1_400)).singleElement().satisfies(r -> assertThat(r.complete()).isTrue());
    }

    @Test
    void afterMaxWaitItIsWrittenWithWhatIsThereAsIncomplete() {
        arriveAndRewind(fingerprint("a", 1, START, END), 1_000);
        reading(0, 1, START + 5);
        assertThat(state.collectReady(1_000 + MAX_WAIT - 1)).isEmpty();

        List<SaveRequest> ready = state.collectReady(1_000 + MAX_WAIT);

        assertThat(ready).singleElement().satisfies(r -> {
            assertThat(r.complete()).isFalse();
            assertThat(r.inputRecords()).hasSize(1);
        });
    }

    @Test
    void duplicatesWhileWaitingShareOneRequestAndAllAreAcknowledged() {
        arriveAndRewind(fingerprint("a", 1, START, END), 1_000);
        arriveAndRewind(fingerprint("a", 1, START, END), 1_001);
        state.onCaughtUp(0, 2_000);
        state.onCaughtUp(1, 2_000);

        List<SaveRequest> ready = state.collectReady(2_000);

        assertThat(ready).hasSize(1);
        ready.get(0).deliveries().forEach(Delivery::ack);
        assertThat(acks).hasValue(2);
    }

    @Test
    void anOlderFingerprintMakesTheReaderRewindAndReadingsBeforeTheFloorAreNotKept() {
        arriveAndRewind(fingerprint("new", 1, START, END), 1_000);
        assertThat(state.floor()).isEqualTo(START);
        reading(0, 1, START - 1);
        assertThat(state.bufferedCount()).isZero();

        state.offer(fingerprint("old", 1, START - 60_000, START), acks::incrementAndGet, 1_100);

        assertThat(state.rewindTo()).hasValue(START - 60_000);
    }

    @Test
    void readingsNoFingerprintCanNeedAreEvicted() {
        arriveAndRewind(fingerprint("a", 1, START, END), 1_000);
        for (long t = START; t <= END + OOO + 1_000; t += 1_000) {
            reading((int) (t / 1_000) % 2, 1, t);
        }
        long before = state.bufferedCount();
        state.evict();
        assertThat(state.bufferedCount()).as("the waiting window keeps its readings").isEqualTo(before);

        assertThat(state.collectReady(2_000)).hasSize(1); // both partitions passed: written
        state.offer(fingerprint("b", 1, END, END + 60_000), acks::incrementAndGet, 2_000);
        state.evict();

        assertThat(state.floor()).isEqualTo(END - 30_000);
        assertThat(state.bufferedCount()).isEqualTo((END + OOO + 1_000 - (END - 30_000)) / 1_000 + 1);
    }
}
