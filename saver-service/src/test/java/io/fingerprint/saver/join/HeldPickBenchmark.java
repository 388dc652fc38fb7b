package io.fingerprint.saver.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import io.fingerprint.formats.reading.ReadingParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long the join takes to pick one fingerprint's records out of what was read ahead, when many
 * equipments share a partition: one minute at 50 000 readings/s (3 000 000 records, 100 equipments, one
 * partition), every equipment's fingerprint picked in turn. Prints the figures; opt-in
 * (-Dsaver.bench=true -Dtest=HeldPickBenchmark).
 */
@EnabledIfSystemProperty(named = "saver.bench", matches = "true")
class HeldPickBenchmark {

    private static final String TOPIC = "s";
    private static final int EQUIPMENTS = 100;
    private static final int RECORDS = 3_000_000;
    private static final int POLL = 500;

    @Test
    void pickEveryEquipmentsFingerprintOfAMinute() throws Exception {
        TailCache cache = new TailCache(Long.MAX_VALUE);
        cache.start(0, 0);
        byte[] raw = new byte[130];
        for (int from = 0; from < RECORDS; from += POLL) {
            Poll poll = new Poll(0);
            for (int offset = from; offset < from + POLL; offset++) {
                poll.add(offset, offset % EQUIPMENTS, offset / 50, raw); // 50 000 a second
            }
            cache.append(poll.chunk());
        }
        ReadingParser parser = new ReadingParser(ReadingParser.DEFAULT_MAX_PAYLOAD_BYTES, 3_600_000, () -> 0L);
        HeldInputs held = new HeldInputs(cache, TOPIC);
        int perEquipment = RECORDS / EQUIPMENTS;
        for (int round = 0; round < 3; round++) { // the first two warm the JIT
            long began = System.nanoTime();
            long picked = 0;
            for (long e = 0; e < EQUIPMENTS; e++) {
                ReceivedFingerprint f = new ReceivedFingerprint("u" + e, Long.toString(e), e, "kiln", 0, 60_000, List.of("0001"),
                        List.of(new InputRange(TOPIC, 0, 0, RECORDS - 1, perEquipment)), new byte[0]);
                PendingFingerprint p = new PendingFingerprint(f, () -> { });
                InputCollector collector = new InputCollector(List.of(p), parser);
                assertThat(held.collect(p, collector, System.nanoTime())).isTrue();
                SaveRequest joined = collector.results().get(0);
                assertThat(joined.complete()).isTrue();
                picked += joined.inputRecords().size();
            }
            long ms = (System.nanoTime() - began) / 1_000_000;
            System.out.printf("round %d: %d fingerprints (%,d records each) picked from %,d held records in %d ms, %.1f ms each%n",
                    round, EQUIPMENTS, perEquipment, RECORDS, ms, ms / (double) EQUIPMENTS);
            assertThat(picked).isEqualTo(RECORDS);
        }
    }
}
