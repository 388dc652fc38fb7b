package io.fingerprint.generator.emit;

/**
 * Turns elapsed time and a rate into a whole number of readings due now. The fraction left over
 * carries to the next call, so 5/s sends one reading every 200 ms. Credit is capped: time the
 * generator spent stalled (between ticks, under back-pressure, in a GC pause) is not made up later
 * in one burst, so falling behind never piles up; the readings of that time are reported by
 * {@link #takeSkipped()} instead, so they are counted rather than silently never made.
 */
final class Pacer {

    private final long maxCatchUpNanos;
    private long lastNanos = Long.MIN_VALUE;
    private double credit;
    private double skipped;

    Pacer(long maxCatchUpNanos) {
        this.maxCatchUpNanos = maxCatchUpNanos;
    }

    long due(long nowNanos, int ratePerSecond) {
        long sinceLast = lastNanos == Long.MIN_VALUE ? 0 : nowNanos - lastNanos;
        long elapsed = Math.min(sinceLast, maxCatchUpNanos);
        lastNanos = nowNanos;
        if (ratePerSecond <= 0) {
            credit = 0;
            return 0;
        }
        credit += ratePerSecond * (elapsed / 1e9);
        skipped += ratePerSecond * ((sinceLast - elapsed) / 1e9);
        long due = (long) credit;
        credit -= due;
        return due;
    }

    /** Whole readings that fell due while stalled beyond the cap and will not be made, since the last call. */
    long takeSkipped() {
        long whole = (long) skipped;
        skipped -= whole;
        return whole;
    }
}
