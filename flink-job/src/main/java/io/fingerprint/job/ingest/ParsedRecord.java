package io.fingerprint.job.ingest;

import io.fingerprint.formats.reading.SensorReading;
import io.fingerprint.job.output.DeadLetter;

/**
 * What the source emits for each Kafka record: either a reading or the reason it was rejected.
 * Exactly one of the two fields is set. A Flink POJO.
 *
 * <p>Also where the record came from ({@code topic} null, {@code partition} and {@code offset} -1
 * for other sources): the per-partition watermark generator learns from it which partition it
 * follows and how far it has been read (see {@code IdleAdvancingWatermarks}).
 */
public class ParsedRecord {
    public SensorReading reading;
    public DeadLetter rejected;
    public String topic;
    public int partition = -1;
    public long offset = -1;

    public ParsedRecord() {
    }

    public static ParsedRecord accepted(SensorReading reading) {
        ParsedRecord r = new ParsedRecord();
        r.reading = reading;
        return r;
    }

    public static ParsedRecord rejected(DeadLetter deadLetter) {
        ParsedRecord r = new ParsedRecord();
        r.rejected = deadLetter;
        return r;
    }

    /** Sets where the record came from; returns this. */
    public ParsedRecord from(String topic, int partition, long offset) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        return this;
    }

    public boolean isAccepted() {
        return reading != null;
    }

    @Override
    public String toString() {
        return isAccepted() ? reading.toString() : String.valueOf(rejected);
    }
}
