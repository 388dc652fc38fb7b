package io.fingerprint.job.window;

import io.fingerprint.formats.fingerprint.Fingerprint;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns one equipment's closed window into its fingerprint. An equipment whose window held no
 * value at all gets none.
 */
public final class EmitFingerprint extends ProcessWindowFunction<WindowAccumulator, Fingerprint, Long, TimeWindow> {
    private static final long serialVersionUID = 1L;

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
    public void process(Long equipId, Context context, Iterable<WindowAccumulator> accumulators, Collector<Fingerprint> out) {
        WindowAccumulator acc = accumulators.iterator().next();
        if (acc.isEmpty()) {
            return;
        }
        TimeWindow window = context.window();
        String type = typeByEquipment.getOrDefault(equipId, defaultType);
        out.collect(Fingerprint.of(equipId, type, window.getStart(), window.getEnd(), acc.summarise(), acc.inputs()));
        fingerprints.inc();
    }
}
