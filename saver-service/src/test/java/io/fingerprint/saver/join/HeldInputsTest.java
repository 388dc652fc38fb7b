package io.fingerprint.saver.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import io.fingerprint.formats.reading.ReadingParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A fingerprint joined from what was read ahead, by hand: no Kafka, no read-ahead thread. */
class HeldInputsTest {

    private static final String TOPIC = "s";
    private final ReadingParser parser = new ReadingParser(ReadingParser.DEFAULT_MAX_PAYLOAD_BYTES, 3_600_000, () -> 0L);
    private final TailCache cache = new TailCache(1 << 20);
    private final HeldInputs held = new HeldInputs(cache, TOPIC);

    private static PendingFingerprint pending(long equip, long start, long end, InputRange... inputs) {
        ReceivedFingerprint f = new ReceivedFingerprint("u" + equip, Long.toString(equip), equip, "kiln", start, end, List.of("0001"),
                List.of(inputs), new byte[0]);
        return new PendingFingerprint(f, () -> { });
    }

    /** Records at consecutive offsets from {@code from}: {equip, timestamp} each, or null for one the parser rejected. */
    private static TailChunk chunk(int partition, long from, long[]... records) {
        Poll poll = new Poll(partition);
        for (int i = 0; i < records.length; i++) {
            if (records[i] == null) {
                poll.refused(from + i, "not json".getBytes(StandardCharsets.UTF_8));
            } else {
                long equip = records[i][0];
                long ts = records[i][1];
                poll.add(from + i, equip, ts, ("{\"equip_id\":" + equip + ",\"timestamp\":" + ts + "}").getBytes(StandardCharsets.UTF_8));
            }
        }
        return poll.chunk();
    }

    private static long[] r(long equip, long timestamp) {
        return new long[] {equip, timestamp};
    }

    @Test
    void theRangesRecordsOfItsEquipmentAndWindowInTimeOrderAndNothingElse() throws Exception {
        cache.start(0, 100);
        cache.append(chunk(0, 100, r(1, 500), r(1, 3_000), r(2, 1_000), null, r(1, 2_000), r(1, 60_000), r(1, 1_500)));
        cache.start(1, 0);
        cache.append(chunk(1, 0, r(1, 1_000)));
        // partition 0: 101..104 (100 is before the range, 105 the next window, 106 late, after it); partition 1: 0..0
        PendingFingerprint p = pending(1, 0, 60_000, new InputRange(TOPIC, 0, 101, 104, 2), new InputRange(TOPIC, 1, 0, 0, 1));
        InputCollector collector = new InputCollector(List.of(p), parser);

        assertThat(held.collect(p, collector, System.nanoTime())).isTrue();

        SaveRequest joined = collector.results().get(0);
        assertThat(InputCollectorTest.times(joined)).containsExactly(1_000L, 2_000L, 3_000L);
        assertThat(joined.complete()).isTrue();
    }

    @Test
    void aRangeNotHeldOrNotReachedInTimeIsLeftToKafka() throws Exception {
        cache.start(0, 100);
        cache.append(chunk(0, 100, r(1, 10), r(1, 20)));
        PendingFingerprint before = pending(1, 0, 60_000, new InputRange(TOPIC, 0, 90, 101, 2));
        PendingFingerprint notYet = pending(1, 0, 60_000, new InputRange(TOPIC, 0, 100, 102, 3));
        PendingFingerprint otherTopic = pending(1, 0, 60_000, new InputRange("other", 0, 100, 101, 2));
        PendingFingerprint original = pending(1, 0, 60_000);

        for (PendingFingerprint p : List.of(before, notYet, otherTopic, original)) {
            InputCollector collector = new InputCollector(List.of(p), parser);
            assertThat(held.collect(p, collector, System.nanoTime() + 50_000_000L)).isFalse();
            assertThat(collector.held()).isZero();
        }
    }
}
