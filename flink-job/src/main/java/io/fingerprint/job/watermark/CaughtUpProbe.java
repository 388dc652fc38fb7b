package io.fingerprint.job.watermark;

import java.io.Serializable;

/**
 * Whether a partition has been read to its end: what lets {@link IdleAdvancingWatermarks} tell a
 * partition nobody writes to from one it cannot read (broker unreachable) or has not read yet.
 */
@FunctionalInterface
public interface CaughtUpProbe {

    /**
     * The wall-clock interval (epoch ms) over which the partition has been confirmed, without a
     * break, to hold nothing at or after {@code nextOffset}; null if it is not confirmed now (more
     * data, broker unreachable, no recent answer). Cheap: called on every periodic watermark, which
     * also keeps the partition on the list of those to check.
     */
    Confirmed caughtUp(String topic, int partition, long nextOffset);

    /** Caught up from {@code since} until {@code until}, the first and the latest confirmation. */
    record Confirmed(long since, long until) {
    }

    /** Makes the probe where the generator runs: part of the serializable watermark strategy. */
    @FunctionalInterface
    interface Factory extends Serializable {
        CaughtUpProbe create();
    }
}
