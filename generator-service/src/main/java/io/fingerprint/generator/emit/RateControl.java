package io.fingerprint.generator.emit;

import io.fingerprint.generator.GeneratorConfig;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The target rate and the pause switch, read by the ticker on every slice so a change takes effect
 * within one slice. A rate of 0 means paused; resuming then goes back to the last non-zero rate.
 */
@Startup // a start rate above the maximum refuses to start, not on the first tick
@Singleton
public class RateControl {

    private final int maxRate;
    private int rate;
    private int lastNonZeroRate;
    private boolean paused;

    @Inject
    public RateControl(GeneratorConfig config) {
        this(config.readingsPerSecond(), config.maxReadingsPerSecond());
    }

    RateControl(int startRate, int maxRate) {
        if (startRate > maxRate) {
            throw new IllegalArgumentException("generator.readings-per-second (GENERATOR_READINGS_PER_SECOND) must be at most "
                    + "generator.max-readings-per-second (GENERATOR_MAX_READINGS_PER_SECOND), " + maxRate + ", got " + startRate);
        }
        this.maxRate = maxRate;
        this.rate = startRate;
        this.lastNonZeroRate = startRate;
        this.paused = startRate == 0;
    }

    public int maxRate() {
        return maxRate;
    }

    /** Sets the rate; 0 pauses, any other rate also resumes. The caller has validated the range. */
    public synchronized void setRate(int readingsPerSecond) {
        if (readingsPerSecond < 0 || readingsPerSecond > maxRate) {
            throw new IllegalArgumentException("rate out of range: " + readingsPerSecond);
        }
        rate = readingsPerSecond;
        paused = readingsPerSecond == 0;
        if (readingsPerSecond > 0) {
            lastNonZeroRate = readingsPerSecond;
        }
    }

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        if (rate == 0) {
            rate = lastNonZeroRate;
        }
    }

    /** The configured rate, also while paused. */
    public synchronized int rate() {
        return rate;
    }

    public synchronized boolean running() {
        return !paused && rate > 0;
    }

    /** What the ticker emits at now: 0 while paused. */
    public synchronized int effectiveRate() {
        return paused ? 0 : rate;
    }
}
