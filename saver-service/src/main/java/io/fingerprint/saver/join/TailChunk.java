package io.fingerprint.saver.join;

import java.util.Arrays;

/**
 * What one poll returned for one partition of {@code sensor-data}, parsed once as it arrived. It covers
 * every offset in [{@code from}, {@code next}): Kafka skips only transaction markers and aborted records
 * in between. It keeps the records the job's parser accepted, grouped by equipment, each group in offset
 * order, so that a fingerprint's pick reads its own equipment's records one after the other and skips
 * the rest (100 equipments on a partition: 9 ms a pick before, about 2 ms so; {@code HeldPickBenchmark}).
 * Never changed once built.
 */
final class TailChunk {

    /** The timestamp the caller gives a record the parser rejected: it belongs to no fingerprint, and is not kept. */
    static final long REJECTED = Long.MIN_VALUE;
    /** Array slots and headers a record costs beside its bytes: what the memory bound counts. */
    private static final int OVERHEAD_BYTES = 48;

    final int partition;
    final long from;
    final long next;
    /** The accepted records, by equipment then offset. */
    final long[] offsets;
    final long[] timestamps;
    final byte[][] raws;
    final long bytes;
    /** The distinct equipment, ascending; group g is [{@code starts[g]}, {@code starts[g + 1]}) of the arrays. */
    private final long[] equipment;
    private final int[] starts;

    /** The polled arrays hold the poll's records in offset order, with an equipment and timestamp each ({@link #REJECTED} if refused). */
    TailChunk(int partition, long from, long next, long[] polledOffsets, long[] equipIds, long[] polledTimestamps, byte[][] polledRaws) {
        this.partition = partition;
        this.from = from;
        this.next = next;
        int accepted = 0;
        for (long t : polledTimestamps) {
            accepted += t == REJECTED ? 0 : 1;
        }
        long[] distinct = new long[accepted];
        int k = 0;
        for (int i = 0; i < polledTimestamps.length; i++) {
            if (polledTimestamps[i] != REJECTED) {
                distinct[k++] = equipIds[i];
            }
        }
        Arrays.sort(distinct);
        int groups = 0;
        for (int i = 0; i < accepted; i++) {
            if (i == 0 || distinct[i] != distinct[i - 1]) {
                distinct[groups++] = distinct[i];
            }
        }
        this.equipment = Arrays.copyOf(distinct, groups);
        this.starts = new int[groups + 1];
        int[] groupOf = new int[polledTimestamps.length];
        for (int i = 0; i < polledTimestamps.length; i++) {
            if (polledTimestamps[i] != REJECTED) {
                groupOf[i] = Arrays.binarySearch(equipment, equipIds[i]);
                starts[groupOf[i] + 1]++;
            }
        }
        for (int g = 0; g < groups; g++) {
            starts[g + 1] += starts[g];
        }
        this.offsets = new long[accepted];
        this.timestamps = new long[accepted];
        this.raws = new byte[accepted][];
        int[] filled = Arrays.copyOf(starts, groups);
        long b = 0;
        for (int i = 0; i < polledTimestamps.length; i++) {
            if (polledTimestamps[i] != REJECTED) {
                int at = filled[groupOf[i]]++;
                offsets[at] = polledOffsets[i];
                timestamps[at] = polledTimestamps[i];
                raws[at] = polledRaws[i];
                b += polledRaws[i].length + OVERHEAD_BYTES;
            }
        }
        this.bytes = b;
    }

    /** Records kept: those the parser accepted. */
    int size() {
        return offsets.length;
    }

    /** The group of an equipment's records, or a negative number when it has none here. */
    int group(long equipId) {
        return Arrays.binarySearch(equipment, equipId);
    }

    int groupStart(int group) {
        return starts[group];
    }

    int groupEnd(int group) {
        return starts[group + 1];
    }
}
