package io.fingerprint.saver.join;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sensor-data} records read ahead of the fingerprints that will name them ({@link ReadAhead}
 * fills it, {@link HeldInputs} picks from it), so that a fingerprint's inputs are in memory when it
 * arrives instead of being read from Kafka then. Per partition it holds one unbroken stretch of offsets,
 * [{@code from}, {@code next}); past {@code maxBytes} the oldest chunks go first, and a range no longer
 * (or not yet) held is read from Kafka as before. No Kafka here: tested by hand.
 */
final class TailCache {

    private static final class Held {
        long from;
        long next;
        final ArrayDeque<TailChunk> chunks = new ArrayDeque<>();
    }

    private final long maxBytes;
    private final Map<Integer, Held> partitions = new HashMap<>();
    private final ArrayDeque<TailChunk> oldestFirst = new ArrayDeque<>();
    private long bytes;
    private long records;

    TailCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The partition is followed from {@code position} on: what was held of it goes (a first start, or a gap). */
    synchronized void start(int partition, long position) {
        Held held = partitions.remove(partition);
        if (held != null) {
            oldestFirst.removeIf(c -> c.partition == partition);
            for (TailChunk c : held.chunks) {
                bytes -= c.bytes;
                records -= c.size();
            }
        }
        Held fresh = new Held();
        fresh.from = position;
        fresh.next = position;
        partitions.put(partition, fresh);
        notifyAll();
    }

    /** Nothing is followed any more (the read-ahead failed): every range is read from Kafka, nobody waits. */
    synchronized void clear() {
        partitions.clear();
        oldestFirst.clear();
        bytes = 0;
        records = 0;
        notifyAll();
    }

    /** The next stretch of a followed partition; one that does not continue where it stands starts it again. */
    synchronized void append(TailChunk chunk) {
        Held held = partitions.get(chunk.partition);
        if (held == null || held.next != chunk.from) {
            start(chunk.partition, chunk.from);
            held = partitions.get(chunk.partition);
        }
        held.chunks.addLast(chunk);
        held.next = chunk.next;
        oldestFirst.addLast(chunk);
        bytes += chunk.bytes;
        records += chunk.size();
        while (bytes > maxBytes && !oldestFirst.isEmpty()) {
            evictOldest();
        }
        notifyAll();
    }

    /**
     * The chunks holding every offset of [{@code from}, {@code to}] of the partition, or null when part of
     * it is not held (evicted, before the follow began, or not read yet).
     */
    synchronized List<TailChunk> covering(int partition, long from, long to) {
        Held held = partitions.get(partition);
        if (held == null || from < held.from || to >= held.next) {
            return null;
        }
        List<TailChunk> out = new ArrayList<>();
        for (TailChunk c : held.chunks) {
            if (c.next > from && c.from <= to) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Waits until the partition is read past {@code to}, at most until {@code deadlineNanos}
     * ({@link System#nanoTime()}); false at once for a partition not followed.
     */
    synchronized boolean awaitReadPast(int partition, long to, long deadlineNanos) throws InterruptedException {
        while (true) {
            Held held = partitions.get(partition);
            if (held == null) {
                return false;
            }
            if (held.next > to) {
                return true;
            }
            long waitMs = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (waitMs <= 0) {
                return false;
            }
            wait(waitMs);
        }
    }

    /** Where the partition's next records continue; -1 for a partition not followed. */
    synchronized long next(int partition) {
        Held held = partitions.get(partition);
        return held == null ? -1 : held.next;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized long records() {
        return records;
    }

    private void evictOldest() {
        TailChunk oldest = oldestFirst.pollFirst();
        Held held = partitions.get(oldest.partition);
        held.chunks.pollFirst(); // a partition's chunks were added in the same order
        held.from = oldest.next;
        bytes -= oldest.bytes;
        records -= oldest.size();
    }
}
