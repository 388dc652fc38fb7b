package io.fingerprint.saver.join;

import io.fingerprint.formats.fingerprint.InputRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins a fingerprint from what {@link ReadAhead} holds, when it holds every range the fingerprint
 * names: waiting briefly for the read-ahead to pass their ends (the fingerprint is committed after its
 * inputs, so it is close behind at most), then picking the fingerprint's own records out of them. One
 * fingerprint at a time, so each file goes to the writers as soon as its records are picked, while the
 * next is picked. A fingerprint it cannot join is read from Kafka ({@link InputReader}).
 */
final class HeldInputs {

    /** How long a batch waits for the read-ahead to reach the ranges it names before reading them from Kafka. */
    static final long WAIT_NANOS = 2_000_000_000L;

    private final TailCache held;
    private final String sensorTopic;

    HeldInputs(TailCache held, String sensorTopic) {
        this.held = held;
        this.sensorTopic = sensorTopic;
    }

    /**
     * Feeds the collector (of this one fingerprint) its records from memory; false, having fed
     * nothing, when a range is not held (before the read-ahead began, evicted, another topic) or the
     * read-ahead does not reach its end by {@code deadlineNanos}.
     */
    boolean collect(PendingFingerprint p, InputCollector collector, long deadlineNanos) throws InterruptedException {
        List<InputRange> ranges = p.fingerprint.inputs();
        if (ranges.isEmpty()) {
            return false; // the original format: joined by time, from Kafka
        }
        List<List<TailChunk>> chunksPerRange = new ArrayList<>(ranges.size());
        for (InputRange r : ranges) {
            if (!r.topic.equals(sensorTopic) || !held.awaitReadPast(r.partition, r.toOffset, deadlineNanos)) {
                return false;
            }
            List<TailChunk> chunks = held.covering(r.partition, r.fromOffset, r.toOffset);
            if (chunks == null) {
                return false;
            }
            chunksPerRange.add(chunks);
        }
        long equip = p.fingerprint.equipNumber();
        for (int k = 0; k < ranges.size(); k++) {
            InputRange r = ranges.get(k);
            String key = InputCollector.key(r.topic, r.partition);
            for (TailChunk c : chunksPerRange.get(k)) {
                int g = c.group(equip);
                if (g < 0) {
                    continue;
                }
                for (int i = c.groupStart(g); i < c.groupEnd(g); i++) {
                    long offset = c.offsets[i];
                    if (offset >= r.fromOffset && offset <= r.toOffset) {
                        collector.offerParsed(key, r.partition, offset, equip, c.timestamps[i], c.raws[i]);
                    }
                }
            }
        }
        return true;
    }
}
