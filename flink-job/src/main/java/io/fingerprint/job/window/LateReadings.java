package io.fingerprint.job.window;

import io.fingerprint.job.ingest.SensorReading;
import io.fingerprint.job.output.DeadLetter;
import io.fingerprint.job.output.FingerprintJson;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * A reading that arrived after its window had closed: counted, and re-encoded for the dead-letter
 * topic with reason {@value DeadLetter#LATE} (its null values were already dropped).
 */
public final class LateReadings extends RichMapFunction<SensorReading, DeadLetter> {
    private static final long serialVersionUID = 1L;
    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().counter("lateReadings");
    }

    @Override
    public DeadLetter map(SensorReading r) {
        late.inc();
        return new DeadLetter(DeadLetter.LATE, FingerprintJson.reading(r.equipId, r.timestamp, r.sensorIds, r.values),
                null, -1, -1, r.timestamp);
    }
}
