package io.fingerprint.formats.reading;

import java.util.Arrays;
import java.util.Objects;

/**
 * One parsed {@code sensor-data} record with its null values already dropped: parallel arrays of
 * sensor ids and values. A Flink POJO of primitive and array fields, so it crosses the network
 * with Flink's own serializers, not Kryo.
 */
public class SensorReading {
    public long equipId;
    /** Event time, epoch milliseconds. */
    public long timestamp;
    public String[] sensorIds;
    public double[] values;

    public SensorReading() {
    }

    public SensorReading(long equipId, long timestamp, String[] sensorIds, double[] values) {
        if (sensorIds.length != values.length) {
            throw new IllegalArgumentException("sensor ids and values differ in length");
        }
        this.equipId = equipId;
        this.timestamp = timestamp;
        this.sensorIds = sensorIds;
        this.values = values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorReading r && equipId == r.equipId && timestamp == r.timestamp
                && Arrays.equals(sensorIds, r.sensorIds) && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(equipId, timestamp, Arrays.hashCode(sensorIds), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "SensorReading{equip_id=" + equipId + ", timestamp=" + timestamp + ", sensors="
                + Arrays.toString(sensorIds) + ", values=" + Arrays.toString(values) + "}";
    }
}
