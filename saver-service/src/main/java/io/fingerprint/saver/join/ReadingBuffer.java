package io.fingerprint.saver.join;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Buffered readings per equipment in arrival order (close to time order: readings are at most
 * the out-of-orderness apart). Eviction takes from the head while it is older than the horizon,
 * so a few late readings may stay a little longer; selection filters by exact time. Owned by the
 * join thread only.
 */
final class ReadingBuffer {

    private final Map<Long, ArrayDeque<BufferedReading>> byEquipment = new HashMap<>();
    private long size;

    void add(long equipId, BufferedReading reading) {
        byEquipment.computeIfAbsent(equipId, id -> new ArrayDeque<>()).addLast(reading);
        size++;
    }

    /** Readings of equipment with startMs ≤ timestamp < endMs, ordered by timestamp (ties: arrival). */
    List<BufferedReading> select(long equipId, long startMs, long endMs) {
        ArrayDeque<BufferedReading> readings = byEquipment.get(equipId);
        List<BufferedReading> selected = new ArrayList<>();
        if (readings != null) {
            for (BufferedReading r : readings) {
                if (r.timestamp() >= startMs && r.timestamp() < endMs) {
                    selected.add(r);
                }
            }
        }
        selected.sort(Comparator.comparingLong(BufferedReading::timestamp)); // stable: ties keep arrival order
        return selected;
    }

    void evictBefore(long horizon) {
        for (Iterator<ArrayDeque<BufferedReading>> it = byEquipment.values().iterator(); it.hasNext(); ) {
            ArrayDeque<BufferedReading> readings = it.next();
            while (!readings.isEmpty() && readings.peekFirst().timestamp() < horizon) {
                readings.pollFirst();
                size--;
            }
            if (readings.isEmpty()) {
                it.remove();
            }
        }
    }

    void clear() {
        byEquipment.clear();
        size = 0;
    }

    long size() {
        return size;
    }
}
