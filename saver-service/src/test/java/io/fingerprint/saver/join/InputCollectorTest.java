package io.fingerprint.saver.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import io.fingerprint.formats.reading.ReadingParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Which records of the ranges read belong to which fingerprint, and when a file is complete: by hand, no Kafka. */
class InputCollectorTest {

    private static final long NOW = 1_800_000_000_000L;
    private final ReadingParser parser = new ReadingParser(ReadingParser.DEFAULT_MAX_PAYLOAD_BYTES, 3_600_000, () -> NOW);
    private final List<String> acked = new ArrayList<>();

    private PendingFingerprint pending(String uuid, long equip, long start, long end, InputRange... inputs) {
        ReceivedFingerprint f = new ReceivedFingerprint(uuid, Long.toString(equip), equip, "kiln", start, end, List.of("0001"),
                List.of(inputs), new byte[0]);
        return new PendingFingerprint(f, () -> acked.add(uuid));
    }

    private static byte[] reading(long equip, long timestamp) {
        return ("{\"equip_id\":" + equip + ",\"timestamp\":" + timestamp + ",\"data\":{\"0001\":\"1.5\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":(\\d+)");

    /**
     * The timestamps of the records, in the file's order, read from the records themselves: by a pattern, not the
     * job's parser, because HeldInputsTest's records were parsed as they arrived and carry no sensor values.
     */
    static List<Long> times(SaveRequest r) {
        return Arrays.stream(r.inputRecords().raws()).map(raw -> {
            Matcher m = TIMESTAMP.matcher(new String(raw, StandardCharsets.UTF_8));
            return m.find() ? Long.parseLong(m.group(1)) : null;
        }).toList();
    }

    @Test
    void lineageKeepsTheRangesReadingsOfTheEquipmentAndWindowOnlyInTimeOrder() {
        PendingFingerprint a = pending("a", 1, 0, 60_000, new InputRange("s", 0, 10, 13, 2), new InputRange("s", 1, 5, 5, 1));
        PendingFingerprint b = pending("b", 2, 0, 60_000, new InputRange("s", 0, 11, 11, 1));
        InputCollector c = new InputCollector(List.of(a, b), parser);

        c.offer("s", 0, 9, reading(1, 100));        // before the range: not counted by the job
        c.offer("s", 0, 10, reading(1, 3_000));
        c.offer("s", 0, 11, reading(2, 50));        // b's
        c.offer("s", 0, 12, "not json".getBytes(StandardCharsets.UTF_8));
        c.offer("s", 0, 13, reading(1, 2_000));
        c.offer("s", 0, 14, reading(1, 4_000));     // after to_offset: a late reading
        c.offer("s", 1, 5, reading(1, 1_000));
        c.offer("s", 1, 6, reading(1, 60_000));     // the next window

        List<SaveRequest> out = c.results();
        assertThat(out).extracting(r -> r.fingerprint().uuid()).containsExactly("a", "b");
        assertThat(times(out.get(0))).containsExactly(1_000L, 2_000L, 3_000L);
        assertThat(out.get(0).complete()).isTrue();
        assertThat(out.get(0).joinedBy()).isEqualTo(SaveRequest.BY_LINEAGE);
        assertThat(times(out.get(1))).containsExactly(50L);
        assertThat(c.rejected()).isEqualTo(1);
        assertThat(c.held()).isEqualTo(4);
    }

    @Test
    void aCountThatDoesNotMatchOrARangeKafkaNoLongerHoldsMakesTheFileIncompleteWithTheReason() {
        PendingFingerprint short1 = pending("short", 1, 0, 60_000, new InputRange("s", 0, 0, 5, 3));
        PendingFingerprint gone = pending("gone", 2, 0, 60_000, new InputRange("s", 1, 0, 9, 4));
        InputCollector c = new InputCollector(List.of(short1, gone), parser);
        c.offer("s", 0, 0, reading(1, 1));
        c.offer("s", 0, 5, reading(1, 2));
        c.missing("s", 1, 0, 6, "(deleted: the partition starts at 7, retention)");
        c.offer("s", 1, 8, reading(2, 3));

        List<SaveRequest> out = c.results();
        assertThat(out.get(0).incompleteReason()).isEqualTo("found 2 of the 3 readings in s-0 offsets 0..5");
        assertThat(out.get(1).incompleteReason())
                .startsWith("not in Kafka: s-1 offsets 0..6 (deleted: the partition starts at 7, retention)")
                .contains("found 1 of the 4 readings in s-1 offsets 0..9");
        assertThat(times(out.get(1))).containsExactly(3L);
    }

    @Test
    void withoutInputsTheReadingsOfTheEquipmentStampedInTheWindowAreKeptFromAnyPartition() {
        PendingFingerprint old = pending("old", 1, 60_000, 120_000);
        InputCollector c = new InputCollector(List.of(old), parser);
        c.offer("s", 0, 0, reading(1, 59_999));
        c.offer("s", 1, 0, reading(1, 60_000));
        c.offer("s", 0, 1, reading(1, 119_999));
        c.offer("s", 0, 2, reading(3, 70_000));

        SaveRequest r = c.results().get(0);
        assertThat(times(r)).containsExactly(60_000L, 119_999L);
        assertThat(r.joinedBy()).isEqualTo(SaveRequest.BY_TIME);
        assertThat(r.complete()).isTrue();
    }

    @Test
    void theOfferSaysTheReadingsTimeSoAScanByTimeKnowsWhenItIsPastTheWindow() {
        InputCollector c = new InputCollector(List.of(pending("x", 1, 0, 60_000)), parser);
        assertThat(c.offer("s", 0, 0, reading(9, 70_000))).isEqualTo(70_000);
        assertThat(c.offer("s", 0, 1, "{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }
}
