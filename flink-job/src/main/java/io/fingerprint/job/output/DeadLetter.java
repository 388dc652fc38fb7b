package io.fingerprint.job.output;

import java.util.Objects;

/**
 * A record the job could not use, on its way to the dead-letter topic: what it was, where it came
 * from and a one-line reason. A Flink POJO.
 */
public class DeadLetter {
    /** The reason of a reading that arrived after its window had closed. */
    public static final String LATE = "late";

    public String reason;
    /** The payload as received (decoded as UTF-8), or the reading re-encoded for late readings. */
    public String payload;
    public String sourceTopic;
    /** Source partition and offset; -1 where unknown. */
    public int partition;
    public long offset;
    /** Event or record timestamp in epoch ms; -1 where unknown. */
    public long timestamp;

    public DeadLetter() {
    }

    public DeadLetter(String reason, String payload, String sourceTopic, int partition, long offset, long timestamp) {
        this.reason = reason;
        this.payload = payload;
        this.sourceTopic = sourceTopic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && Objects.equals(reason, d.reason) && Objects.equals(payload, d.payload)
                && Objects.equals(sourceTopic, d.sourceTopic) && partition == d.partition && offset == d.offset
                && timestamp == d.timestamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, payload, sourceTopic, partition, offset, timestamp);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + reason + " @" + sourceTopic + "-" + partition + ":" + offset + "}";
    }
}
