package io.fingerprint.job.batch;

import io.fingerprint.formats.reading.SensorReading;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Readings of one equipment that fall into one window, packed into flat arrays so that hundreds of
 * them cross the keyBy shuffle as one record: per reading its timestamp, where its values end and
 * where it was read (partition and offset of {@link #topic}; -1 for other sources); per value its
 * sensor (an index into {@link #sensorIds}) and the value.
 *
 * <p>Serialised by {@link ReadingBatchSerializer} (declared through {@link TypeInfo}), never by Kryo.
 */
@TypeInfo(ReadingBatchTypeInfoFactory.class)
public final class ReadingBatch {

    final long equipId;
    /** The topic every reading of the batch was read from; null for other sources. */
    final String topic;
    int readingCount;
    long[] timestamps;
    int[] partitions;
    long[] offsets;
    /** {@code valueEnds[i]} is the index after reading {@code i}'s last value. */
    int[] valueEnds;
    int valueCount;
    int[] sensorIndexes;
    double[] values;
    int sensorCount;
    String[] sensorIds;

    public ReadingBatch(long equipId) {
        this(equipId, null);
    }

    public ReadingBatch(long equipId, String topic) {
        this(equipId, topic, 16, 64, 8);
    }

    ReadingBatch(long equipId, String topic, int readingCapacity, int valueCapacity, int sensorCapacity) {
        this.equipId = equipId;
        this.topic = topic;
        this.timestamps = new long[Math.max(readingCapacity, 1)];
        this.partitions = new int[Math.max(readingCapacity, 1)];
        this.offsets = new long[Math.max(readingCapacity, 1)];
        this.valueEnds = new int[Math.max(readingCapacity, 1)];
        this.sensorIndexes = new int[Math.max(valueCapacity, 1)];
        this.values = new double[Math.max(valueCapacity, 1)];
        this.sensorIds = new String[Math.max(sensorCapacity, 1)];
    }

    public long equipId() {
        return equipId;
    }

    public int readingCount() {
        return readingCount;
    }

    public String topic() {
        return topic;
    }

    /** The partition reading {@code i} was read from, -1 if unknown. */
    public int partition(int i) {
        return partitions[i];
    }

    public long offset(int i) {
        return offsets[i];
    }

    public int valueCount() {
        return valueCount;
    }

    /** The sensor of value {@code v}: an index into the batch's distinct sensors. */
    public int sensorIndex(int v) {
        return sensorIndexes[v];
    }

    public double value(int v) {
        return values[v];
    }

    /** How many distinct sensors the batch's values belong to. */
    public int sensorCount() {
        return sensorCount;
    }

    public String sensorId(int s) {
        return sensorIds[s];
    }

    /** The latest event time in the batch: the batch's timestamp in the stream. */
    public long maxTimestamp() {
        long max = Long.MIN_VALUE;
        for (int i = 0; i < readingCount; i++) {
            max = Math.max(max, timestamps[i]);
        }
        return max;
    }

    /** A reading of no known source position. */
    public void add(SensorReading reading) {
        add(reading, -1, -1);
    }

    public void add(SensorReading reading, int partition, long offset) {
        if (readingCount == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, readingCount * 2);
            valueEnds = Arrays.copyOf(valueEnds, readingCount * 2);
            partitions = Arrays.copyOf(partitions, readingCount * 2);
            offsets = Arrays.copyOf(offsets, readingCount * 2);
        }
        int needed = valueCount + reading.values.length;
        if (needed > values.length) {
            int capacity = Math.max(values.length * 2, needed);
            values = Arrays.copyOf(values, capacity);
            sensorIndexes = Arrays.copyOf(sensorIndexes, capacity);
        }
        for (int i = 0; i < reading.values.length; i++) {
            sensorIndexes[valueCount] = sensorIndexOf(reading.sensorIds[i]);
            values[valueCount++] = reading.values[i];
        }
        timestamps[readingCount] = reading.timestamp;
        partitions[readingCount] = partition;
        offsets[readingCount] = offset;
        valueEnds[readingCount++] = valueCount;
    }

    /** A handful of sensors per equipment: a linear scan beats hashing the freshly parsed id. */
    private int sensorIndexOf(String id) {
        for (int s = 0; s < sensorCount; s++) {
            if (sensorIds[s].equals(id)) {
                return s;
            }
        }
        if (sensorCount == sensorIds.length) {
            sensorIds = Arrays.copyOf(sensorIds, sensorCount * 2);
        }
        sensorIds[sensorCount] = id;
        return sensorCount++;
    }

    /** Reading {@code i} as it was parsed (null values were already dropped then). */
    public SensorReading reading(int i) {
        int from = i == 0 ? 0 : valueEnds[i - 1];
        int to = valueEnds[i];
        String[] ids = new String[to - from];
        double[] vals = new double[to - from];
        for (int v = from; v < to; v++) {
            ids[v - from] = sensorIds[sensorIndexes[v]];
            vals[v - from] = values[v];
        }
        return new SensorReading(equipId, timestamps[i], ids, vals);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadingBatch b && equipId == b.equipId && java.util.Objects.equals(topic, b.topic)
                && readingCount == b.readingCount && valueCount == b.valueCount
                && Arrays.equals(partitions, 0, readingCount, b.partitions, 0, b.readingCount)
                && Arrays.equals(offsets, 0, readingCount, b.offsets, 0, b.readingCount)
                && Arrays.equals(timestamps, 0, readingCount, b.timestamps, 0, b.readingCount)
                && Arrays.equals(valueEnds, 0, readingCount, b.valueEnds, 0, b.readingCount)
                && Arrays.equals(values, 0, valueCount, b.values, 0, b.valueCount)
                && sameSensors(b);
    }

    private boolean sameSensors(ReadingBatch b) {
        for (int v = 0; v < valueCount; v++) {
            if (!sensorIds[sensorIndexes[v]].equals(b.sensorIds[b.sensorIndexes[v]])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(equipId) * 31 + readingCount;
    }

    @Override
    public String toString() {
        return "ReadingBatch{equip_id=" + equipId + ", readings=" + readingCount + ", values=" + valueCount + "}";
    }
}
