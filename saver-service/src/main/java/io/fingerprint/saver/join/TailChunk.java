package io.fingerprint.saver.join;

/**
 * What one poll returned for one partition of {@code sensor-data}, parsed once as it arrived: the
 * records in offset order with their equipment and event time ({@link #REJECTED} where the job's
 * parser refused the record). It covers every offset in [{@code from}, {@code next}): Kafka skips
 * only transaction markers and aborted records in between. Never changed once built.
 */
final class TailChunk {

    /** The timestamp of a record the parser rejected: it belongs to no fingerprint. */
    static final long REJECTED = Long.MIN_VALUE;
    /** Array slots and headers a record costs beside its bytes: what the memory bound counts. */
    private static final int OVERHEAD_BYTES = 48;

    final int partition;
    final long from;
    final long next;
    final long[] offsets;
    final long[] equipIds;
    final long[] timestamps;
    final byte[][] raws;
    final long bytes;

    TailChunk(int partition, long from, long next, long[] offsets, long[] equipIds, long[] timestamps, byte[][] raws) {
        this.partition = partition;
        this.from = from;
        this.next = next;
        this.offsets = offsets;
        this.equipIds = equipIds;
        this.timestamps = timestamps;
        this.raws = raws;
        long b = 0;
        for (byte[] raw : raws) {
            b += raw.length + OVERHEAD_BYTES;
        }
        this.bytes = b;
    }

    int size() {
        return offsets.length;
    }
}
