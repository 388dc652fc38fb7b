package io.fingerprint.job.batch;

import io.fingerprint.formats.reading.SensorReading;
import io.fingerprint.job.ingest.ParsedRecord;
import io.fingerprint.job.output.DeadLetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * Packs the source's readings into one {@link ReadingBatch} per equipment and window before the
 * keyBy shuffle, and routes rejected records to their side output.
 *
 * <p>Why: shuffling, window assignment and state access cost the same for a batch as for a single
 * reading, so batching removes most of the per-reading work after parsing. It changes no result,
 * because a batch never outlives the stream position of its readings:
 * <ul>
 *   <li>before a watermark is passed on, every open batch is sent, so each reading still reaches its
 *       window before any watermark that followed it; a batch carries its latest reading's timestamp
 *       and all its readings share one window, so it lands in that window;</li>
 *   <li>before a checkpoint barrier every open batch is sent too: the batcher has no state of its
 *       own to checkpoint, and exactly-once stays with the source offsets and the window state;</li>
 *   <li>when the input goes idle or ends, the rest is sent.</li>
 * </ul>
 * A batch is also sent once it holds {@code maxReadings}, which bounds memory and delay.
 *
 * <p>One difference remains, by timing only: a reading that is already behind the watermark its own
 * source subtask sent (late by definition) reaches the window a little later than it would alone,
 * so it is a little more likely to find its window closed and be dead-lettered as late.
 */
public final class ReadingBatcher extends AbstractStreamOperator<ReadingBatch>
        implements OneInputStreamOperator<ParsedRecord, ReadingBatch> {
    private static final long serialVersionUID = 1L;

    private final long windowSizeMs;
    private final int maxReadings;
    private final OutputTag<DeadLetter> rejected;

    /** Open batches per equipment; usually one, two around a window's end (one topic is read). */
    private transient Map<Long, List<OpenBatch>> open;

    public ReadingBatcher(Duration windowSize, int maxReadings, OutputTag<DeadLetter> rejected) {
        if (maxReadings < 1) {
            throw new IllegalArgumentException("maxReadings must be positive, was " + maxReadings);
        }
        this.windowSizeMs = windowSize.toMillis();
        this.maxReadings = maxReadings;
        this.rejected = rejected;
    }

    @Override
    public void open() throws Exception {
        super.open();
        open = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<ParsedRecord> element) {
        ParsedRecord record = element.getValue();
        if (!record.isAccepted()) {
            output.collect(rejected, element.replace(record.rejected));
            return;
        }
        SensorReading reading = record.reading;
        long windowStart = TimeWindow.getWindowStartWithOffset(reading.timestamp, 0, windowSizeMs);
        List<OpenBatch> batches = open.computeIfAbsent(reading.equipId, id -> new ArrayList<>(2));
        OpenBatch target = null;
        for (OpenBatch candidate : batches) {
            if (candidate.windowStart == windowStart && java.util.Objects.equals(candidate.batch.topic(), record.topic)) {
                target = candidate;
                break;
            }
        }
        if (target == null) {
            target = new OpenBatch(windowStart, new ReadingBatch(reading.equipId, record.topic));
            batches.add(target);
        }
        target.batch.add(reading, record.partition, record.offset);
        if (target.batch.readingCount() >= maxReadings) {
            emit(target.batch);
            batches.remove(target);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flushAll();
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            flushAll();
        }
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flushAll();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flushAll();
        super.finish();
    }

    private void flushAll() {
        for (List<OpenBatch> batches : open.values()) {
            for (OpenBatch b : batches) {
                emit(b.batch);
            }
        }
        open.clear();
    }

    private void emit(ReadingBatch batch) {
        output.collect(new StreamRecord<>(batch, batch.maxTimestamp()));
    }

    private static final class OpenBatch {
        final long windowStart;
        final ReadingBatch batch;

        OpenBatch(long windowStart, ReadingBatch batch) {
            this.windowStart = windowStart;
            this.batch = batch;
        }
    }
}
