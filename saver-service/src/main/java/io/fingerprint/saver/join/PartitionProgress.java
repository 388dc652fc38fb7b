package io.fingerprint.saver.join;

import java.util.Arrays;

/**
 * How far the join has read each {@code sensor-data} partition: the highest event time seen, and
 * the latest moment at which it was known to have read everything there was. A partition has
 * passed a window once it showed a reading at end_ms + out-of-orderness (the Flink job's
 * watermark), or once it was read to its end after the fingerprint had arrived (the Flink job
 * emitted the fingerprint only after reading its inputs, so they were in the topic by then).
 */
final class PartitionProgress {

    private long[] maxTimestamp = new long[0];
    private long[] caughtUpAt = new long[0];

    /** Forgets everything: after a seek the positions are new. */
    void reset(int partitions) {
        maxTimestamp = new long[partitions];
        caughtUpAt = new long[partitions];
        Arrays.fill(maxTimestamp, Long.MIN_VALUE);
        Arrays.fill(caughtUpAt, Long.MIN_VALUE);
    }

    int partitions() {
        return maxTimestamp.length;
    }

    void onReading(int partition, long timestamp) {
        if (partition < maxTimestamp.length && timestamp > maxTimestamp[partition]) {
            maxTimestamp[partition] = timestamp;
        }
    }

    /** @param checkStartedAt wall time taken before the end offsets were asked for */
    void onCaughtUp(int partition, long checkStartedAt) {
        if (partition < caughtUpAt.length && checkStartedAt > caughtUpAt[partition]) {
            caughtUpAt[partition] = checkStartedAt;
        }
    }

    boolean allPassed(long passTimestamp, long receivedAt) {
        if (maxTimestamp.length == 0) {
            return false;
        }
        for (int p = 0; p < maxTimestamp.length; p++) {
            if (maxTimestamp[p] < passTimestamp && caughtUpAt[p] < receivedAt) {
                return false;
            }
        }
        return true;
    }

    long newestTimestamp() {
        long newest = Long.MIN_VALUE;
        for (long t : maxTimestamp) {
            newest = Math.max(newest, t);
        }
        return newest;
    }
}
