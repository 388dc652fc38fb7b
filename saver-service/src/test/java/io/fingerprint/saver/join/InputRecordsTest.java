package io.fingerprint.saver.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The file's order of a fingerprint's records: by timestamp, then partition, then offset. */
class InputRecordsTest {

    private record Reading(long timestamp, int partition, long offset) {
        byte[] raw() {
            return (timestamp + "@" + partition + ":" + offset).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static List<String> names(InputRecords records) {
        return Arrays.stream(records.raws()).map(b -> new String(b, StandardCharsets.US_ASCII)).toList();
    }

    @Test
    void byTimestampThenPartitionThenOffset() {
        InputRecords records = new InputRecords();
        InputRecords.Run p1 = records.run(1);
        InputRecords.Run p0 = records.run(0);
        // offsets ascending in each run, as Kafka returns them
        p1.add(2_000, "2000@1:7".getBytes(StandardCharsets.US_ASCII));
        p1.add(1_000, "1000@1:8".getBytes(StandardCharsets.US_ASCII));
        p1.add(1_000, "1000@1:9".getBytes(StandardCharsets.US_ASCII));
        p0.add(1_000, "1000@0:3".getBytes(StandardCharsets.US_ASCII));
        p0.add(3_000, "3000@0:4".getBytes(StandardCharsets.US_ASCII));
        p0.add(500, "500@0:5".getBytes(StandardCharsets.US_ASCII));

        assertThat(names(records)).containsExactly("500@0:5", "1000@0:3", "1000@1:8", "1000@1:9", "2000@1:7", "3000@0:4");
        assertThat(records.size()).isEqualTo(6);
    }

    @Test
    void runsAlreadyInTimeOrderAreMergedTheSameWay() {
        InputRecords records = new InputRecords();
        InputRecords.Run p1 = records.run(1);
        InputRecords.Run p0 = records.run(0);
        p1.add(1_000, "1000@1:7".getBytes(StandardCharsets.US_ASCII));
        p1.add(1_000, "1000@1:8".getBytes(StandardCharsets.US_ASCII));
        p1.add(2_500, "2500@1:9".getBytes(StandardCharsets.US_ASCII));
        p0.add(500, "500@0:3".getBytes(StandardCharsets.US_ASCII));
        p0.add(1_000, "1000@0:4".getBytes(StandardCharsets.US_ASCII));
        p0.add(3_000, "3000@0:5".getBytes(StandardCharsets.US_ASCII));

        assertThat(names(records)).containsExactly("500@0:3", "1000@0:4", "1000@1:7", "1000@1:8", "2500@1:9", "3000@0:5");
    }

    @Test
    void manyRecordsOfSeveralPartitionsComeOutAsAFullSortWouldPutThem() {
        Random random = new Random(42);
        List<Reading> all = new ArrayList<>();
        InputRecords records = new InputRecords();
        for (int partition = 3; partition >= 0; partition--) {
            InputRecords.Run run = records.run(partition);
            for (long offset = 0; offset < 50_000; offset++) {
                Reading r = new Reading(1_700_000_000_000L + random.nextInt(60_000), partition, offset);
                all.add(r);
                run.add(r.timestamp(), r.raw());
            }
        }
        all.sort(Comparator.comparingLong(Reading::timestamp).thenComparingInt(Reading::partition).thenComparingLong(Reading::offset));

        assertThat(names(records)).isEqualTo(all.stream().map(r -> new String(r.raw(), StandardCharsets.US_ASCII)).toList());
    }

    @Test
    void timestampsFurtherApartThanTheCompactKeyHoldsAreOrderedTheSame() {
        InputRecords records = new InputRecords();
        InputRecords.Run run = records.run(0);
        run.add(Long.MAX_VALUE / 2, "late@0:0".getBytes(StandardCharsets.US_ASCII));
        run.add(1, "early@0:1".getBytes(StandardCharsets.US_ASCII));
        run.add(Long.MAX_VALUE / 2, "late@0:2".getBytes(StandardCharsets.US_ASCII));

        assertThat(names(records)).containsExactly("early@0:1", "late@0:0", "late@0:2");
    }

    @Test
    void nothingIsAddedOnceInOrder() {
        InputRecords records = new InputRecords();
        records.run(0).add(1, new byte[] {'x'});
        assertThat(records.raws()).hasNumberOfRows(1);

        assertThatThrownBy(() -> records.run(1)).isInstanceOf(IllegalStateException.class);
        assertThat(records.size()).isEqualTo(1);
    }
}
