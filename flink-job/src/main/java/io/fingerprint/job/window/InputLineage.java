package io.fingerprint.job.window;

import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.job.batch.ReadingBatch;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Per partition of the input topic, the first and last offset and the number of the readings a
 * window counted: the fingerprint's {@code inputs}, gathered from the batches the window held
 * (each reading in them carries its partition and offset).
 *
 * <p>Why the range is exact: a partition is read by one source subtask, in offset order, and all
 * readings of one equipment travel from that subtask to one window subtask over one channel, in
 * order (the batcher keeps one open batch per equipment and window, and sends it before any later
 * one). A reading of this equipment and window whose offset lies between the first and the last
 * counted one therefore arrived before the last counted one, so before the window fired: it was
 * counted too. A late reading arrived after the window fired, so after every counted one: its offset
 * is above {@code to_offset}. Replay after a restore re-reads from the checkpoint's offsets, and
 * the window's batches, from which this is gathered when it fires, are the checkpoint's too.
 */
final class InputLineage {

    /** A handful of partitions per window: linear scans over parallel arrays, no map. */
    String[] topics = new String[2];
    int[] partitions = new int[2];
    long[] from = new long[2];
    long[] to = new long[2];
    long[] counts = new long[2];
    int size;
    /** The entry the last reading went to: consecutive readings mostly share it. */
    private int last;

    void add(String topic, int partition, long offset) {
        int i = last < size && partitions[last] == partition && same(topics[last], topic) ? last : find(topic, partition);
        if (i < 0) {
            i = append(topic, partition, offset, offset);
        } else {
            from[i] = Math.min(from[i], offset);
            to[i] = Math.max(to[i], offset);
        }
        counts[i]++;
        last = i;
    }

    /** Adds the readings of a batch that came from a known position. */
    void add(ReadingBatch batch) {
        for (int r = 0; r < batch.readingCount(); r++) {
            if (batch.partition(r) >= 0) {
                add(batch.topic(), batch.partition(r), batch.offset(r));
            }
        }
    }


    InputRange[] ranges() {
        InputRange[] ranges = new InputRange[size];
        for (int i = 0; i < size; i++) {
            ranges[i] = new InputRange(topics[i], partitions[i], from[i], to[i], counts[i]);
        }
        Arrays.sort(ranges, Comparator.comparing((InputRange r) -> r.topic).thenComparingInt(r -> r.partition));
        return ranges;
    }


    private int find(String topic, int partition) {
        for (int i = 0; i < size; i++) {
            if (partitions[i] == partition && same(topics[i], topic)) {
                return i;
            }
        }
        return -1;
    }

    private int append(String topic, int partition, long fromOffset, long toOffset) {
        if (size == partitions.length) {
            int n = size * 2;
            topics = Arrays.copyOf(topics, n);
            partitions = Arrays.copyOf(partitions, n);
            from = Arrays.copyOf(from, n);
            to = Arrays.copyOf(to, n);
            counts = Arrays.copyOf(counts, n);
        }
        topics[size] = topic;
        partitions[size] = partition;
        from[size] = fromOffset;
        to[size] = toOffset;
        counts[size] = 0;
        return size++;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
