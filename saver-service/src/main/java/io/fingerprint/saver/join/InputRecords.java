package io.fingerprint.saver.join;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The records joined to one fingerprint, in the file's order: by timestamp, then partition, then offset.
 * Kept in arrays per partition, not an object per record: at 50 000 readings/s a file holds ~120 000 of
 * them (bench 7), and the join thread only appends; the writer puts them in order ({@link #raws}), so the
 * sort runs beside the next fingerprint's join.
 */
public final class InputRecords {

    /** One partition's records, appended in offset order (Kafka returns a partition's records so). */
    public static final class Run {
        private final int partition;
        private long[] timestamps = new long[16];
        private byte[][] raws = new byte[16][];
        private int size;

        private Run(int partition) {
            this.partition = partition;
        }

        public void add(long timestamp, byte[] raw) {
            if (size == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, size * 2);
                raws = Arrays.copyOf(raws, size * 2);
            }
            timestamps[size] = timestamp;
            raws[size] = raw;
            size++;
        }

        public int size() {
            return size;
        }

        /** Its positions by timestamp; equal timestamps keep their offset order. */
        private int[] order() {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            boolean ordered = true;
            for (int i = 0; i < size; i++) {
                min = Math.min(min, timestamps[i]);
                max = Math.max(max, timestamps[i]);
                ordered &= i == 0 || timestamps[i - 1] <= timestamps[i];
            }
            int[] order = new int[size];
            if (ordered) {
                // the usual case (a producer stamping as it sends, one partition per equipment): no sort
                Arrays.setAll(order, i -> i);
                return order;
            }
            if (size > 0 && max - min >= 1L << 31) {
                // a window over 24 days: boxed, slower, the same order
                Integer[] boxed = new Integer[size];
                Arrays.setAll(boxed, i -> i);
                Arrays.sort(boxed, Comparator.<Integer>comparingLong(i -> timestamps[i]).thenComparingInt(i -> i));
                Arrays.setAll(order, i -> boxed[i]);
                return order;
            }
            // time since the earliest above, position below: one primitive sort, ties by position
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                keys[i] = (timestamps[i] - min) << 32 | i;
            }
            Arrays.sort(keys);
            for (int i = 0; i < size; i++) {
                order[i] = (int) keys[i];
            }
            return order;
        }
    }

    private final List<Run> runs = new ArrayList<>(2);
    private byte[][] sortedRaws;

    /** A new run for records of {@code partition}; only before the records are read in order. */
    public synchronized Run run(int partition) {
        if (sortedRaws != null) {
            throw new IllegalStateException("already put in order");
        }
        Run run = new Run(partition);
        runs.add(run);
        return run;
    }

    public synchronized int size() {
        if (sortedRaws != null) {
            return sortedRaws.length;
        }
        int n = 0;
        for (Run r : runs) {
            n += r.size;
        }
        return n;
    }

    /** The records as produced, in the file's order. */
    public synchronized byte[][] raws() {
        sort();
        return sortedRaws;
    }

    /** Each run sorted on its own, then merged: the head with the lowest timestamp, on a tie the lowest partition. */
    private void sort() {
        if (sortedRaws != null) {
            return;
        }
        List<Run> byPartition = new ArrayList<>(runs);
        byPartition.sort(Comparator.comparingInt(r -> r.partition)); // stable: runs of one partition keep their order
        int k = byPartition.size();
        int[][] orders = new int[k][];
        for (int j = 0; j < k; j++) {
            orders[j] = byPartition.get(j).order();
        }
        int[] heads = new int[k];
        byte[][] raws = new byte[size()][];
        for (int out = 0; out < raws.length; out++) {
            int best = -1;
            long bestTime = 0;
            for (int j = 0; j < k; j++) {
                if (heads[j] < orders[j].length) {
                    long t = byPartition.get(j).timestamps[orders[j][heads[j]]];
                    if (best < 0 || t < bestTime) {
                        best = j;
                        bestTime = t;
                    }
                }
            }
            Run run = byPartition.get(best);
            raws[out] = run.raws[orders[best][heads[best]++]];
        }
        sortedRaws = raws;
        runs.clear(); // their arrays go: the sorted copy is all that is read from here on
    }
}
