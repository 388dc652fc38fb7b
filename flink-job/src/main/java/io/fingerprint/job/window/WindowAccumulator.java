package io.fingerprint.job.window;

import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.fingerprint.SensorSummary;
import io.fingerprint.job.batch.ReadingBatch;
import io.fingerprint.job.stats.SensorStatistics;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every non-null value of one equipment's window, per sensor, and which readings they came from
 * ({@link InputLineage}), gathered from the window's batches when it fires, then summarised once.
 */
public final class WindowAccumulator {

    private static final int INITIAL_CAPACITY = 64;

    private final Map<String, Values> sensors;
    private final InputLineage lineage;

    public WindowAccumulator() {
        this.sensors = new HashMap<>(8);
        this.lineage = new InputLineage();
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

    public boolean isEmpty() {
        return sensors.isEmpty();
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
    }
}
