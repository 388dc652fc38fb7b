package io.fingerprint.generator.emit;

/**
 * Turns elapsed time and a rate into a whole number of readings due now. The fraction left over
 * carries to the next call, so 5/s sends one reading every 200 ms. Credit is capped: time the
 * generator spent stalled (between ticks, under back-pressure, in a GC pause) is not made up later
 * in one burst, so falling behind never piles up.
 */
final class Pacer {

    private final long maxCatchUpNanos;
    private long lastNanos = Long.MIN_VALUE;
    private double credit;

    Pacer(long maxCatchUpNanos) {
        this.maxCatchUpNanos = maxCatchUpNanos;
    }

    long due(long nowNanos, int ratePerSecond) {
        long elapsed = lastNanos == Long.MIN_VALUE ? 0 : Math.min(nowNanos - lastNanos, maxCatchUpNanos);
        lastNanos = nowNanos;
        if (ratePerSecond <= 0) {
            credit = 0;
            return 0;
        }
        credit += ratePerSecond * (elapsed / 1e9);
        long due = (long) credit;
        credit -= due;
        return due;
    }
}
