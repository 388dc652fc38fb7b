package io.fingerprint.job.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.formats.reading.SensorReading;
import io.fingerprint.job.ingest.ParsedRecord;
import io.fingerprint.job.output.DeadLetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadingBatcherTest {

    private static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected") { };
    private static final long WINDOW_MS = 60_000;

    private OneInputStreamOperatorTestHarness<ParsedRecord, ReadingBatch> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new ReadingBatcher(Duration.ofMillis(WINDOW_MS), 4, REJECTED));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void reading(long equipId, long timestamp, double value) throws Exception {
        harness.processElement(ParsedRecord.accepted(new SensorReading(equipId, timestamp, new String[] {"0001"}, new double[] {value})), timestamp);
    }

    /** Everything output so far, as "batch(equip, timestamps...)@streamTimestamp" and "W(watermark)" in order. */
    private List<String> drain() {
        List<String> seen = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof Watermark w) {
                seen.add("W" + w.getTimestamp());
            } else if (o instanceof StreamRecord<?> r) {
                ReadingBatch b = (ReadingBatch) r.getValue();
                StringBuilder s = new StringBuilder("b" + b.equipId());
                for (int i = 0; i < b.readingCount(); i++) {
                    s.append(i == 0 ? ":" : ",").append(b.reading(i).timestamp);
                }
                seen.add(s.append("@").append(r.getTimestamp()).toString());
            }
        }
        harness.getOutput().clear();
        return seen;
    }

    @Test
    void holdsReadingsUntilAWatermarkAndSendsThemFirst() throws Exception {
        reading(110, 1_000, 1);
        reading(111, 1_500, 2);
        reading(110, 2_000, 3);
        assertThat(drain()).isEmpty();

        harness.processWatermark(500);
        assertThat(drain()).containsExactlyInAnyOrder("b110:1000,2000@2000", "b111:1500@1500", "W500")
                .last().isEqualTo("W500");
    }

    @Test
    void keepsEachWindowInItsOwnBatch() throws Exception {
        reading(110, WINDOW_MS - 1, 1);
        reading(110, WINDOW_MS, 2);
        reading(110, WINDOW_MS - 2, 3); // out of order, back in the first window
        harness.processWatermark(0);
        assertThat(drain()).containsExactlyInAnyOrder("b110:59999,59998@59999", "b110:60000@60000", "W0");
    }

    @Test
    void sendsAFullBatchAtOnce() throws Exception {
        for (int i = 0; i < 9; i++) {
            reading(110, 1_000 + i, i);
        }
        assertThat(drain()).containsExactly("b110:1000,1001,1002,1003@1003", "b110:1004,1005,1006,1007@1007");
        harness.getOneInputOperator().finish();
        assertThat(drain()).containsExactly("b110:1008@1008");
    }

    @Test
    void sendsEverythingBeforeACheckpointBarrierAndKeepsNoState() throws Exception {
        reading(110, 1_000, 1);
        reading(112, 1_000, 1);
        harness.prepareSnapshotPreBarrier(1);
        assertThat(drain()).containsExactlyInAnyOrder("b110:1000@1000", "b112:1000@1000");
        assertThat(harness.snapshot(1, 1).getManagedOperatorState()).isEmpty();
    }

    @Test
    void sendsEverythingWhenTheInputGoesIdle() throws Exception {
        reading(110, 1_000, 1);
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        assertThat(drain()).containsExactly("b110:1000@1000");
    }

    @Test
    void routesRejectedRecordsToTheirSideOutputWithTheirTimestamp() throws Exception {
        DeadLetter bad = new DeadLetter("not JSON", "{", "sensor-data", 0, 7, 42);
        harness.processElement(ParsedRecord.rejected(bad), 42);
        reading(110, 1_000, 1);
        assertThat(harness.getSideOutput(REJECTED)).extracting(StreamRecord::getValue, StreamRecord::getTimestamp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(bad, 42L));
        harness.processWatermark(0);
        assertThat(drain()).containsExactly("b110:1000@1000", "W0");
    }
}
