package io.fingerprint.job.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.job.ingest.ParsedRecord;
import io.fingerprint.job.ingest.SensorReading;
import io.fingerprint.job.output.DeadLetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class IdleAdvancingWatermarksTest {

    private long now = 1_000_000;
    private final Output output = new Output();
    private final IdleAdvancingWatermarks watermarks =
            new IdleAdvancingWatermarks(Duration.ofSeconds(10), Duration.ofSeconds(5), () -> now);

    @Test
    void boundedOutOfOrdernessWhileReadingsFlow() {
        event(60_000);
        event(55_000); // out of order: does not move the watermark back
        emit();
        assertThat(output.last()).isEqualTo(60_000 - 10_000 - 1);
        event(70_000);
        now += 1_000;
        emit();
        assertThat(output.last()).isEqualTo(70_000 - 10_000 - 1);
    }

    @Test
    void followsTheWallClockOnceInputHasBeenIdle() {
        event(60_000);
        now += 4_999;
        emit();
        assertThat(output.last()).as("not idle yet").isEqualTo(49_999);
        now += 1;
        emit();
        assertThat(output.last()).as("idle: advanced by the 5 s of silence").isEqualTo(49_999 + 5_000);
        now += 10_000;
        emit();
        assertThat(output.last()).isEqualTo(49_999 + 15_000);
    }

    @Test
    void aWindowClosesWithinOutOfOrdernessPlusIdleTimeAfterItsEnd() {
        // last reading just before the end of window [0, 60 s); then the generator pauses
        event(59_999);
        long windowEnd = 60_000;
        long closedAfter = -1;
        for (int step = 0; step < 100 && closedAfter < 0; step++) {
            now += 200;
            emit();
            if (output.last() >= windowEnd - 1) {
                closedAfter = step * 200L + 200;
            }
        }
        assertThat(closedAfter).isPositive().isLessThanOrEqualTo(10_000 + 5_000);
    }

    @Test
    void newReadingsAfterAPauseAreNotLateAndTheWatermarkNeverGoesBack() {
        event(60_000);
        now += 30_000;
        emit();
        long advanced = output.last();
        assertThat(advanced).isEqualTo(49_999 + 30_000);
        event(60_000 + 30_000); // the generator resumes, stamped with the wall clock
        now += 200;
        emit();
        assertThat(output.all).isSorted();
        assertThat(output.last()).isGreaterThanOrEqualTo(advanced);
        assertThat(90_000L).isGreaterThan(output.last());
    }

    @Test
    void aPartitionThatNeverHadAReadingIsMarkedIdle() {
        emit();
        assertThat(output.idle).isFalse();
        now += 5_000;
        emit();
        assertThat(output.idle).isTrue();
        assertThat(output.all).isEmpty();
    }

    @Test
    void rejectedRecordsDoNotMoveTheWatermark() {
        watermarks.onEvent(ParsedRecord.rejected(new DeadLetter("bad", "x", "t", 0, 0, 999_999)), 999_999, output);
        event(60_000);
        emit();
        assertThat(output.last()).isEqualTo(49_999);
    }

    private void event(long timestamp) {
        ParsedRecord record = ParsedRecord.accepted(new SensorReading(110, timestamp, new String[0], new double[0]));
        watermarks.onEvent(record, timestamp, output);
    }

    private void emit() {
        watermarks.onPeriodicEmit(output);
    }

    private static final class Output implements WatermarkOutput {
        final List<Long> all = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            all.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }

        long last() {
            return all.get(all.size() - 1);
        }
    }
}
