package io.fingerprint.job.window;

import io.fingerprint.job.ingest.SensorReading;
import io.fingerprint.job.output.DeadLetter;
import io.fingerprint.job.output.FingerprintJson;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Readings that arrived after their window had closed: counted, and each re-encoded for the
 * dead-letter topic with reason {@value DeadLetter#LATE} (its null values were already dropped).
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
            out.collect(new DeadLetter(DeadLetter.LATE, FingerprintJson.reading(r.equipId, r.timestamp, r.sensorIds, r.values),
                    null, -1, -1, r.timestamp));
        }
    }
}
