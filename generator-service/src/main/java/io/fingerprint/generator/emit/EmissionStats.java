package io.fingerprint.generator.emit;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what happened to readings. {@code sent} and {@code failed} are counted when Kafka
 * acknowledges or refuses a record, so nothing is lost silently; {@code throttled} counts readings
 * that were due but not created, because the emitter had no room (back-pressure) or the generator
 * itself fell behind (a tick started late, a long GC pause).
 */
@Singleton
public class EmissionStats {

    private final LongAdder emitted = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private volatile double achievedPerSecond;

    void onEmitted() {
        emitted.increment();
    }

    void onSent() {
        sent.increment();
    }

    void onFailed(Throwable reason) {
        failed.increment();
        lastFailure.set(String.valueOf(reason.getMessage()));
    }

    void onThrottled(long count) {
        throttled.add(count);
    }

    void achieved(double perSecond) {
        achievedPerSecond = perSecond;
    }

    public long emitted() {
        return emitted.sum();
    }

    public long sent() {
        return sent.sum();
    }

    public long failed() {
        return failed.sum();
    }

    public long throttled() {
        return throttled.sum();
    }

    /** Readings acknowledged per second over the last tick. */
    public double achievedPerSecond() {
        return achievedPerSecond;
    }

    /** The message of the most recent send failure, cleared when read. */
    String takeLastFailure() {
        return lastFailure.getAndSet(null);
    }
}
