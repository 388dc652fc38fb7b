package io.fingerprint.generator.emit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to readings, counted once for the status endpoint, /q/metrics and the log.
 * {@code emitted}: handed to the Kafka channel; of those {@code sent} and {@code failed} are counted
 * when Kafka acknowledges or refuses the record, so nothing is lost silently. {@code throttled}:
 * readings that were due but not created, because the emitter had no room (back-pressure) or the
 * generator itself fell behind (a tick started late, a long GC pause).
 */
@Singleton
public class ReadingCounters {

    private final LongAdder emitted = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private volatile double achievedPerSecond;
    private final RateShortfall shortfall = new RateShortfall();
    private volatile boolean rateReached = true;
    private long sentAtLastTick;
    private long lastTickNanos = System.nanoTime();

    /** The counters and rates at /q/metrics (Prometheus), from startup on. */
    void register(@Observes StartupEvent event, MeterRegistry registry, RateControl control) {
        FunctionCounter.builder("generator.readings.sent", this, ReadingCounters::sent)
                .description("Readings acknowledged by Kafka").register(registry);
        FunctionCounter.builder("generator.readings.failed", this, ReadingCounters::failed)
                .description("Readings Kafka refused or that timed out").register(registry);
        FunctionCounter.builder("generator.readings.throttled", this, ReadingCounters::throttled)
                .description("Readings skipped because the emitter buffer was full").register(registry);
        Gauge.builder("generator.rate.target", control, RateControl::effectiveRate)
                .description("Target readings per second (0 while paused)").register(registry);
        Gauge.builder("generator.rate.achieved", this, ReadingCounters::achievedPerSecond)
                .description("Readings acknowledged per second over the last tick").register(registry);
    }

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

    void onThrottled(long readings) {
        if (readings > 0) {
            throttled.add(readings);
        }
    }

    /** At the end of a tick: readings acknowledged per second since the previous one, and whether that reaches {@code targetRate}. */
    RateShortfall.Change onTickEnd(long nowNanos, int targetRate) {
        long sentNow = sent.sum();
        double seconds = (nowNanos - lastTickNanos) / 1e9;
        if (seconds > 0) {
            achievedPerSecond = (sentNow - sentAtLastTick) / seconds;
        }
        sentAtLastTick = sentNow;
        lastTickNanos = nowNanos;
        RateShortfall.Change change = shortfall.onTick(targetRate, achievedPerSecond);
        rateReached = shortfall.reached();
        return change;
    }

    /** False while fewer readings than the rate set are acknowledged, for some seconds now ({@link RateShortfall}). */
    public boolean rateReached() {
        return rateReached;
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

    /** All four counts at once, for the log's differences over a tick or a window. */
    Totals totals() {
        return new Totals(emitted.sum(), sent.sum(), failed.sum(), throttled.sum());
    }

    /** The message of the most recent send failure, cleared when read. */
    String takeLastFailure() {
        return lastFailure.getAndSet(null);
    }

    record Totals(long emitted, long sent, long failed, long throttled) {

        Totals since(Totals earlier) {
            return new Totals(emitted - earlier.emitted, sent - earlier.sent, failed - earlier.failed,
                    throttled - earlier.throttled);
        }
    }
}
