package io.fingerprint.saver.join;

import io.fingerprint.saver.ingest.Fingerprint;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The join's decisions, free of Kafka so they can be tested with a hand-driven clock: which
 * fingerprints wait, when each is complete or has waited long enough, which readings may go, and
 * when the reader must go back in time. Owned by the join thread only.
 *
 * <p>{@code floor} is the event time from which the buffer holds every reading read so far; a
 * pending fingerprint that starts before it makes the reader rewind (clear, seek by time, re-read).
 */
public final class JoinState {

    /** Without fingerprints the buffer still never spans more than this behind the newest reading. */
    static final long MAX_SPAN_WITHOUT_FINGERPRINTS_MS = 5 * 60_000L;

    private final long outOfOrdernessMs;
    private final long maxWaitMs;
    private final long retentionMs;

    private final ReadingBuffer buffer = new ReadingBuffer();
    private final PartitionProgress progress = new PartitionProgress();
    private final Map<String, PendingFingerprint> pending = new LinkedHashMap<>();
    private long floor = Long.MAX_VALUE;
    private long newestFingerprintStart = Long.MIN_VALUE;

    public JoinState(long outOfOrdernessMs, long maxWaitMs, long retentionMs) {
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.maxWaitMs = maxWaitMs;
        this.retentionMs = retentionMs;
    }

    /** A fingerprint arrived; a second delivery of a waiting one joins it. */
    public void offer(Fingerprint fingerprint, Delivery delivery, long receivedAt) {
        PendingFingerprint existing = pending.get(fingerprint.uuid());
        if (existing != null) {
            existing.deliveries.add(delivery);
            return;
        }
        pending.put(fingerprint.uuid(), new PendingFingerprint(fingerprint, receivedAt, delivery));
        newestFingerprintStart = Math.max(newestFingerprintStart, fingerprint.startMs());
    }

    /** The event time the reader must go back to, when a waiting fingerprint starts before the buffer. */
    public OptionalLong rewindTo() {
        long oldest = oldestPendingStart();
        return oldest < floor ? OptionalLong.of(oldest) : OptionalLong.empty();
    }

    /** The reader now reads every partition from (about) this event time on; what was buffered is gone. */
    public void rewound(long newFloor, int partitions) {
        buffer.clear();
        progress.reset(partitions);
        floor = newFloor;
    }

    /** Whether the reader has a position at all (it starts at the first fingerprint). */
    public boolean reading() {
        return floor != Long.MAX_VALUE;
    }

    public void onReading(int partition, long equipId, long timestamp, byte[] raw) {
        progress.onReading(partition, timestamp);
        if (timestamp >= floor) {
            buffer.add(equipId, new BufferedReading(timestamp, raw));
        }
    }

    public void onCaughtUp(int partition, long checkStartedAt) {
        progress.onCaughtUp(partition, checkStartedAt);
    }

    /** Complete fingerprints, and those that waited max-wait (incomplete), leave the pending set. */
    public List<SaveRequest> collectReady(long now) {
        List<SaveRequest> ready = new ArrayList<>();
        for (Iterator<PendingFingerprint> it = pending.values().iterator(); it.hasNext(); ) {
            PendingFingerprint p = it.next();
            Fingerprint f = p.fingerprint;
            boolean complete = floor <= f.startMs() && progress.allPassed(f.endMs() + outOfOrdernessMs, p.receivedAt);
            if (complete || now - p.receivedAt >= maxWaitMs) {
                List<BufferedReading> inputs = floor <= f.endMs() ? buffer.select(f.equipNumber(), f.startMs(), f.endMs()) : List.of();
                ready.add(new SaveRequest(f, inputs, complete, List.copyOf(p.deliveries)));
                it.remove();
            }
        }
        return ready;
    }

    /**
     * Drops readings no waiting fingerprint needs and no fingerprint of a recent window can need:
     * older than the oldest waiting window and than the newest window start minus the retention.
     */
    public void evict() {
        if (!reading()) {
            return;
        }
        long keepFrom = newestFingerprintStart == Long.MIN_VALUE ? Long.MIN_VALUE : newestFingerprintStart - retentionMs;
        long newestReading = progress.newestTimestamp();
        if (newestReading != Long.MIN_VALUE) {
            keepFrom = Math.max(keepFrom, newestReading - MAX_SPAN_WITHOUT_FINGERPRINTS_MS);
        }
        keepFrom = Math.min(keepFrom, oldestPendingStart());
        if (keepFrom > floor) {
            buffer.evictBefore(keepFrom);
            floor = keepFrom;
        }
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    public int pendingCount() {
        return pending.size();
    }

    public long bufferedCount() {
        return buffer.size();
    }

    public long floor() {
        return floor;
    }

    public long outOfOrdernessMs() {
        return outOfOrdernessMs;
    }

    private long oldestPendingStart() {
        long oldest = Long.MAX_VALUE;
        for (PendingFingerprint p : pending.values()) {
            oldest = Math.min(oldest, p.fingerprint.startMs());
        }
        return oldest;
    }
}
