package io.fingerprint.job.watermark;

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
 * as with {@link WatermarkStrategy#forBoundedOutOfOrderness}. A partition is idle once it has been
 * both quiet and confirmed read to its end by the {@link CaughtUpProbe} for the idle timeout; its
 * watermark then advances by that confirmed idle time (from the later of its last reading and the
 * first confirmation, until the latest confirmation), so the last windows of a paused generator
 * close within out-of-orderness + idle timeout (+ about the probe's period) of their end instead of
 * never. An unreachable broker or a partition not read to its end (a stalled or lagging consumer)
 * is not a pause: the watermark holds, and once the broker is back it again waits for the idle
 * timeout, so what producers buffered meanwhile arrives before it moves instead of late. A replay
 * that keeps flowing never triggers it; while some partitions flow and others rest, the combined
 * watermark is the minimum, so readings of the flowing ones are never made late by this. A
 * partition that has never had a reading is marked idle after the idle timeout and does not hold
 * back the others. Rejected records carry no event time; they only move the partition's read
 * position. Records without a source partition (not from Kafka) are never confirmed caught up.
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
    private final CaughtUpProbe probe;

    private final long createdAt;
    private String topic;
    private int partition;
    private long nextOffset = -1;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastReadingAt;
    private long emitted = Long.MIN_VALUE;

    public IdleAdvancingWatermarks(Duration outOfOrderness, Duration idleTimeout, Clock clock, CaughtUpProbe probe) {
        this.outOfOrdernessMs = outOfOrderness.toMillis();
        this.idleTimeoutMs = idleTimeout.toMillis();
        this.clock = clock;
        this.probe = probe;
        this.createdAt = clock.millis();
    }

    /**
     * The strategy for the source: event time from the reading, these watermarks per partition,
     * caught-up answers from a probe each generator gets from {@code probes}.
     */
    public static WatermarkStrategy<ParsedRecord> strategy(Duration outOfOrderness, Duration idleTimeout, Clock clock,
            CaughtUpProbe.Factory probes) {
        return WatermarkStrategy.<ParsedRecord>forGenerator(ctx -> new IdleAdvancingWatermarks(outOfOrderness, idleTimeout, clock, probes.create()))
                .withTimestampAssigner((record, kafkaTimestamp) ->
                        record.isAccepted() ? record.reading.timestamp : kafkaTimestamp);
    }

    @Override
    public void onEvent(ParsedRecord record, long eventTimestamp, WatermarkOutput output) {
        if (record.topic != null) {
            topic = record.topic;
            partition = record.partition;
            nextOffset = Math.max(nextOffset, record.offset + 1);
        }
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
        CaughtUpProbe.Confirmed caughtUp = topic == null ? null : probe.caughtUp(topic, partition, nextOffset);
        if (caughtUp != null) {
            long idleFor = Math.min(now, caughtUp.until()) - Math.max(lastReadingAt, caughtUp.since());
            if (idleFor >= idleTimeoutMs) {
                watermark += idleFor;
            }
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
