package io.fingerprint.job.window;

import io.fingerprint.formats.fingerprint.Fingerprint;
import io.fingerprint.job.batch.ReadingBatch;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns one equipment's closed window, the batches it received, into its fingerprint. The window
 * keeps the batches as they came (append-only state, so each checkpoint only adds what is new) and
 * the statistics are computed here, once. An equipment whose window held no value gets none.
 */
public final class EmitFingerprint extends ProcessWindowFunction<ReadingBatch, Fingerprint, Long, TimeWindow> {
    private static final long serialVersionUID = 2L;

    private final Map<Long, String> typeByEquipment;
    private final String defaultType;
    private transient Counter fingerprints;

    public EmitFingerprint(Map<Long, String> typeByEquipment, String defaultType) {
        this.typeByEquipment = Map.copyOf(typeByEquipment);
        this.defaultType = defaultType;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
        fingerprints = getRuntimeContext().getMetricGroup().counter("fingerprints");
    }

    @Override
    public void process(Long equipId, Context context, Iterable<ReadingBatch> batches, Collector<Fingerprint> out) {
        WindowAccumulator acc = new WindowAccumulator();
        for (ReadingBatch batch : batches) {
            acc.add(batch);
        }
        if (acc.isEmpty()) {
            return;
        }
        TimeWindow window = context.window();
        String type = typeByEquipment.getOrDefault(equipId, defaultType);
        out.collect(Fingerprint.of(equipId, type, window.getStart(), window.getEnd(), acc.summarise(), acc.inputs()));
        fingerprints.inc();
    }
}
