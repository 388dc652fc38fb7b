package io.fingerprint.job.stats;

import java.util.Arrays;

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
     * Summarises {@code values[0..count)}. Sorts that range in place: the caller hands over values
     * it no longer needs in their arrival order.
     */
    public static SensorSummary summarise(String sensorId, double[] values, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("no values for sensor " + sensorId);
        }
        Arrays.sort(values, 0, count);
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
        return new SensorSummary(sensorId, values[0], values[count - 1], median(values, count), mean, stdDev, count);
    }

    /** Median of sorted values; for an even count the mean of the two middle ones. */
    static double median(double[] sorted, int count) {
        int mid = count / 2;
        if (count % 2 == 1) {
            return sorted[mid];
        }
        // halves first: no overflow for values near Double.MAX_VALUE
        return sorted[mid - 1] / 2 + sorted[mid] / 2;
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
