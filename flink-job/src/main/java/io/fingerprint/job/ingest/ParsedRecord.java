package io.fingerprint.job.ingest;

import io.fingerprint.job.output.DeadLetter;

/**
 * What the source emits for each Kafka record: either a reading or the reason it was rejected.
 * Exactly one of the two fields is set. A Flink POJO.
 */
public class ParsedRecord {
    public SensorReading reading;
    public DeadLetter rejected;

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

    public boolean isAccepted() {
        return reading != null;
    }

    @Override
    public String toString() {
        return isAccepted() ? reading.toString() : String.valueOf(rejected);
    }
}
