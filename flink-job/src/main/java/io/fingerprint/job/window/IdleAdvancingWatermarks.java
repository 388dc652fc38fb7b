package io.fingerprint.job.window;

import io.fingerprint.job.ingest.ParsedRecord;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness watermarks, per Kafka partition, that keep moving when the input stops.
 *
 * <p>While readings flow, the watermark is the highest timestamp seen minus the out-of-orderness,
 * as with {@link WatermarkStrategy#forBoundedOutOfOrderness}. Once a partition has been quiet for
 * the idle timeout, its watermark advances by the wall-clock time passed since its last reading, so
 * the last windows of a paused generator close within out-of-orderness + idle timeout of their end
 * instead of never. A replay that keeps flowing never triggers it; while some partitions flow and
 * others rest, the combined watermark is the minimum, so readings of the flowing ones are never made
 * late by this. A partition that has never had a reading is marked idle and does not hold back the
 * others. Rejected records carry no event time and are ignored.
 */
public final class IdleAdvancingWatermarks implements WatermarkGenerator<ParsedRecord> {

    /** Wall clock, replaceable in tests. */
    @FunctionalInterface
    public interface Clock extends Serializable {
        long millis();
    }

    private final long outOfOrdernessMs;
    private final long idleTimeoutMs;
    private final Clock clock;

    private final long createdAt;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastReadingAt;
    private long emitted = Long.MIN_VALUE;

    public IdleAdvancingWatermarks(Duration outOfOrderness, Duration idleTimeout, Clock clock) {
        this.outOfOrdernessMs = outOfOrderness.toMillis();
        this.idleTimeoutMs = idleTimeout.toMillis();
        this.clock = clock;
        this.createdAt = clock.millis();
    }

    /** The strategy for the source: event time from the reading, these watermarks per partition. */
    public static WatermarkStrategy<ParsedRecord> strategy(Duration outOfOrderness, Duration idleTimeout, Clock clock) {
        return WatermarkStrategy.<ParsedRecord>forGenerator(ctx -> new IdleAdvancingWatermarks(outOfOrderness, idleTimeout, clock))
                .withTimestampAssigner((record, kafkaTimestamp) ->
                        record.isAccepted() ? record.reading.timestamp : kafkaTimestamp);
    }

    @Override
    public void onEvent(ParsedRecord record, long eventTimestamp, WatermarkOutput output) {
        if (!record.isAccepted()) {
            return;
        }
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        lastReadingAt = clock.millis();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.millis();
        if (maxTimestamp == Long.MIN_VALUE) {
            if (now - createdAt >= idleTimeoutMs) {
                output.markIdle();
            }
            return;
        }
        long watermark = maxTimestamp - outOfOrdernessMs - 1;
        long quietFor = now - lastReadingAt;
        if (quietFor >= idleTimeoutMs) {
            watermark += quietFor;
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
