package io.fingerprint.saver.join;

import java.util.Arrays;

/** One poll of a partition, built a record at a time as {@link ReadAhead} sees them, made into a {@link TailChunk}: for hand-driven tests. */
final class Poll {

    private final int partition;
    private long[] offsets = new long[16];
    private long[] equipIds = new long[16];
    private long[] timestamps = new long[16];
    private byte[][] raws = new byte[16][];
    private int size;

    Poll(int partition) {
        this.partition = partition;
    }

    /** A record the parser accepted. */
    Poll add(long offset, long equipId, long timestamp, byte[] raw) {
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            equipIds = Arrays.copyOf(equipIds, size * 2);
            timestamps = Arrays.copyOf(timestamps, size * 2);
            raws = Arrays.copyOf(raws, size * 2);
        }
        offsets[size] = offset;
        equipIds[size] = equipId;
        timestamps[size] = timestamp;
        raws[size] = raw;
        size++;
        return this;
    }

    /** A record the parser refused. */
    Poll refused(long offset, byte[] raw) {
        return add(offset, 0, TailChunk.REJECTED, raw);
    }

    /** The chunk covering the first record's offset to just past the last one's. */
    TailChunk chunk() {
        return new TailChunk(partition, offsets[0], offsets[size - 1] + 1, Arrays.copyOf(offsets, size),
                Arrays.copyOf(equipIds, size), Arrays.copyOf(timestamps, size), Arrays.copyOf(raws, size));
    }
}
