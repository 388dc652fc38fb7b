package io.fingerprint.formats.fingerprint;

import java.util.Objects;

/**
 * Which records of one partition of {@code sensor-data} went into a fingerprint: {@code records}
 * readings, the first at offset {@code fromOffset}, the last at {@code toOffset} (both included).
 * Other records lie between them too (other equipment, other windows, rejected ones): the range
 * says where to look, the count how many to find. A Flink POJO.
 */
public class InputRange {
    public String topic;
    public int partition;
    public long fromOffset;
    public long toOffset;
    public long records;

    public InputRange() {
    }

    public InputRange(String topic, int partition, long fromOffset, long toOffset, long records) {
        this.topic = topic;
        this.partition = partition;
        this.fromOffset = fromOffset;
        this.toOffset = toOffset;
        this.records = records;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputRange r && Objects.equals(topic, r.topic) && partition == r.partition
                && fromOffset == r.fromOffset && toOffset == r.toOffset && records == r.records;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, fromOffset, toOffset, records);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "[" + fromOffset + ".." + toOffset + "]x" + records;
    }
}
