package io.fingerprint.job.window;

import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.fingerprint.SensorSummary;
import io.fingerprint.job.batch.ReadingBatch;
import io.fingerprint.job.stats.SensorStatistics;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Every non-null value of one equipment's window, per sensor, and which readings they came from
 * ({@link InputLineage}). Appending is the whole hot path: the statistics are computed once, when
 * the window fires.
 *
 * <p>Serialised by {@link WindowAccumulatorSerializer} (declared through {@link TypeInfo}), never
 * by Kryo.
 */
@TypeInfo(WindowAccumulatorTypeInfoFactory.class)
public final class WindowAccumulator {

    private static final int INITIAL_CAPACITY = 64;

    final Map<String, Values> sensors;
    final InputLineage lineage;

    public WindowAccumulator() {
        this(new InputLineage());
    }

    WindowAccumulator(InputLineage lineage) {
        this.sensors = new HashMap<>(8);
        this.lineage = lineage;
    }

    public void add(String sensorId, double value) {
        sensors.computeIfAbsent(sensorId, id -> new Values(INITIAL_CAPACITY)).add(value);
    }

    /** Adds every value of a batch, looking each of its sensors up once. */
    public void add(ReadingBatch batch) {
        Values[] bySensor = new Values[batch.sensorCount()];
        for (int s = 0; s < bySensor.length; s++) {
            bySensor[s] = sensors.computeIfAbsent(batch.sensorId(s), id -> new Values(INITIAL_CAPACITY));
        }
        for (int v = 0; v < batch.valueCount(); v++) {
            bySensor[batch.sensorIndex(v)].add(batch.value(v));
        }
        lineage.add(batch);
    }

    /** Adds every value of {@code other} to this accumulator. */
    public WindowAccumulator merge(WindowAccumulator other) {
        other.sensors.forEach((id, values) -> {
            Values mine = sensors.computeIfAbsent(id, k -> new Values(values.size));
            mine.addAll(values);
        });
        lineage.addAll(other.lineage);
        return this;
    }

    public boolean isEmpty() {
        return sensors.isEmpty();
    }

    public int sensorCount() {
        return sensors.size();
    }

    /** The fingerprint's {@code inputs}: per partition, the offset range and count of the readings added. */
    public InputRange[] inputs() {
        return lineage.ranges();
    }

    /** Summaries ordered by sensor id. Consumes the accumulator's values (they are sorted in place). */
    public SensorSummary[] summarise() {
        return sensors.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> SensorStatistics.summarise(e.getKey(), e.getValue().data, e.getValue().size))
                .toArray(SensorSummary[]::new);
    }

    WindowAccumulator deepCopy() {
        WindowAccumulator copy = new WindowAccumulator(lineage.copy());
        sensors.forEach((id, values) -> copy.sensors.put(id, values.copy()));
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WindowAccumulator other) || other.sensors.size() != sensors.size() || !lineage.equals(other.lineage)) {
            return false;
        }
        for (Map.Entry<String, Values> e : sensors.entrySet()) {
            Values theirs = other.sensors.get(e.getKey());
            if (theirs == null || !e.getValue().sameAs(theirs)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return sensors.keySet().hashCode();
    }

    /** A growable array of doubles: no boxing on the hot path. */
    static final class Values {
        double[] data;
        int size;

        Values(int capacity) {
            this.data = new double[Math.max(capacity, 1)];
        }

        void add(double value) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = value;
        }

        void addAll(Values other) {
            if (size + other.size > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + other.size));
            }
            System.arraycopy(other.data, 0, data, size, other.size);
            size += other.size;
        }

        Values copy() {
            Values copy = new Values(size);
            System.arraycopy(data, 0, copy.data, 0, size);
            copy.size = size;
            return copy;
        }

        boolean sameAs(Values other) {
            return Arrays.equals(data, 0, size, other.data, 0, other.size);
        }
    }
}
