package io.fingerprint.job.stats;

import io.fingerprint.formats.fingerprint.SensorSummary;
/**
 * Exact statistics of a window's values for one sensor.
 *
 * <p>The window keeps every value anyway (an exact median needs them), so the mean and the
 * variance are computed in two passes over the values rather than incrementally: a compensated
 * (Neumaier) sum gives the mean, then the corrected two-pass formula of Chan, Golub and LeVeque,
 * {@code (Σd² - (Σd)²/n) / n} with {@code d = x - mean}, gives the population variance; its second
 * term cancels the rounding error of the mean. That stays accurate for values around 1e9 with a
 * small spread, where a one-pass sum of squares loses every digit.
 */
public final class SensorStatistics {

    private SensorStatistics() {
    }

    /**
     * Summarises {@code values[0..count)}. Reorders that range in place (selection for the
     * median): the caller hands over values it no longer needs in their arrival order.
     */
    public static SensorSummary summarise(String sensorId, double[] values, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("no values for sensor " + sensorId);
        }
        double min = values[0];
        double max = values[0];
        for (int i = 1; i < count; i++) {
            double v = values[i];
            if (v < min) {
                min = v;
            } else if (v > max) {
                max = v;
            }
        }
        double mean = mean(values, count);
        double sumSquares = 0;
        double sumDeviations = 0;
        for (int i = 0; i < count; i++) {
            double d = values[i] - mean;
            sumSquares += d * d;
            sumDeviations += d;
        }
        double variance = Math.max(0, (sumSquares - sumDeviations * sumDeviations / count) / count);
        double stdDev = count == 1 ? 0.0 : Math.sqrt(variance);
        return new SensorSummary(sensorId, min, max, median(values, count), mean, stdDev, count);
    }

    /**
     * Exact median by selection, O(n) on average instead of a full sort; for an even count the
     * mean of the two middle values. Reorders the range.
     */
    static double median(double[] values, int count) {
        int mid = count / 2;
        double upper = Selection.select(values, count, mid);
        if (count % 2 == 1) {
            return upper;
        }
        // after selection everything left of mid is <= upper: the lower middle is their maximum
        double lower = values[0];
        for (int i = 1; i < mid; i++) {
            lower = Math.max(lower, values[i]);
        }
        // halves first: no overflow for values near Double.MAX_VALUE
        return lower / 2 + upper / 2;
    }

    /** Mean from a Neumaier-compensated sum: nearly correctly rounded, whatever the order of the values. */
    static double mean(double[] values, int count) {
        double sum = 0;
        double compensation = 0;
        for (int i = 0; i < count; i++) {
            double v = values[i];
            double t = sum + v;
            if (Math.abs(sum) >= Math.abs(v)) {
                compensation += (sum - t) + v;
            } else {
                compensation += (v - t) + sum;
            }
            sum = t;
        }
        return (sum + compensation) / count;
    }
}
