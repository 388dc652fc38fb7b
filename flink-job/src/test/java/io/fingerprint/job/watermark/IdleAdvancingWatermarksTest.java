package io.fingerprint.job.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.job.ingest.ParsedRecord;
import io.fingerprint.formats.reading.SensorReading;
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
    /** What the fake probe answers: caught up from this time until now, or (null) not caught up. */
    private Long caughtUpSince = Long.MIN_VALUE;
    private long askedNextOffset = -1;
    private long offset;
    private final IdleAdvancingWatermarks watermarks = new IdleAdvancingWatermarks(Duration.ofSeconds(10), Duration.ofSeconds(5),
            () -> now, (topic, partition, nextOffset) -> {
                assertThat(topic).isEqualTo("sensor-data");
                assertThat(partition).isEqualTo(3);
                askedNextOffset = nextOffset;
                return caughtUpSince == null ? null : new CaughtUpProbe.Confirmed(caughtUpSince, now);
            });

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
    void rejectedRecordsDoNotMoveTheWatermarkButCountAsRead() {
        event(60_000);
        watermarks.onEvent(ParsedRecord.rejected(new DeadLetter("bad", "x", "t", 0, 0, 999_999)).from("sensor-data", 3, offset++),
                999_999, output);
        emit();
        assertThat(output.last()).isEqualTo(49_999);
        assertThat(askedNextOffset).as("the probe is asked about the offset after the rejected record").isEqualTo(2);
    }

    @Test
    void anUnreachableBrokerOrALagIsNotAPause() {
        event(60_000);
        caughtUpSince = null;
        now += 30_000;
        emit();
        assertThat(output.last()).as("quiet for 30 s, but not confirmed caught up: holds").isEqualTo(49_999);
    }

    @Test
    void onlyTheConfirmedTimeCounts() {
        event(60_000);
        caughtUpSince = now + 2_000; // the first answer came 2 s after the last reading
        now += 6_999;
        emit();
        assertThat(output.last()).as("confirmed for 4.999 s only").isEqualTo(49_999);
        now += 1;
        emit();
        assertThat(output.last()).isEqualTo(49_999 + 5_000);
    }

    @Test
    void afterAnOutageTheWatermarkWaitsTheIdleTimeAgainSoBufferedReadingsAreNotLate() {
        event(60_000);
        caughtUpSince = null; // the broker goes down
        now += 18_000;
        emit();
        assertThat(output.last()).isEqualTo(49_999);
        caughtUpSince = now; // back, and nothing new yet
        now += 3_000;
        emit();
        assertThat(output.last()).as("confirmed caught up for less than the idle timeout").isEqualTo(49_999);
        // what the producers buffered during the outage arrives now: behind the clock, not behind the watermark
        caughtUpSince = null;
        event(60_000 + 1_000);
        assertThat(60_000L + 1_000).isGreaterThan(output.last());
        caughtUpSince = now;
        now += 5_000;
        emit();
        assertThat(output.last()).as("then idle again: advances by the 5 s since").isEqualTo(50_999 + 5_000);
    }

    @Test
    void recordsFromNoKafkaPartitionNeverAdvanceByTheClock() {
        watermarks.onEvent(ParsedRecord.accepted(new SensorReading(110, 60_000, new String[0], new double[0])), 60_000, output);
        now += 30_000;
        emit();
        assertThat(output.last()).isEqualTo(49_999);
        assertThat(askedNextOffset).as("no partition to ask about").isEqualTo(-1);
    }

    @Test
    void theStrategyWithTheKafkaProbeIsSerializable() throws Exception {
        java.util.Properties consumer = new java.util.Properties();
        consumer.setProperty("bootstrap.servers", "localhost:1");
        consumer.setProperty("isolation.level", "read_committed");
        var strategy = IdleAdvancingWatermarks.strategy(Duration.ofSeconds(10), Duration.ofSeconds(5), System::currentTimeMillis,
                KafkaCaughtUpProbe.factory(consumer));
        byte[] bytes = org.apache.flink.util.InstantiationUtil.serializeObject(strategy);
        assertThat((Object) org.apache.flink.util.InstantiationUtil.deserializeObject(bytes, getClass().getClassLoader())).isNotNull();
    }

    private void event(long timestamp) {
        ParsedRecord record = ParsedRecord.accepted(new SensorReading(110, timestamp, new String[0], new double[0]))
                .from("sensor-data", 3, offset++);
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
