package io.fingerprint.job.window;

import io.fingerprint.formats.reading.SensorReading;
import io.fingerprint.job.batch.ReadingBatch;
import io.fingerprint.job.output.DeadLetter;
import io.fingerprint.job.output.DeadLetterJson;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Readings that arrived after their window had closed: counted, and each re-encoded for the
 * dead-letter topic with reason {@value DeadLetter#LATE} (its null values were already dropped) and
 * where it was read: the raw record is at that offset.
 */
public final class LateReadings extends RichFlatMapFunction<ReadingBatch, DeadLetter> {
    private static final long serialVersionUID = 1L;
    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().counter("lateReadings");
    }

    @Override
    public void flatMap(ReadingBatch batch, Collector<DeadLetter> out) {
        for (int i = 0; i < batch.readingCount(); i++) {
            SensorReading r = batch.reading(i);
            late.inc();
            out.collect(new DeadLetter(DeadLetter.LATE, DeadLetterJson.reading(r.equipId, r.timestamp, r.sensorIds, r.values),
                    batch.topic(), batch.partition(i), batch.offset(i), r.timestamp));
        }
    }
}
