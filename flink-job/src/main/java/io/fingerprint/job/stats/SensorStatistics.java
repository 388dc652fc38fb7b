package io.fingerprint.job.stats;

import java.util.Arrays;

/**
 * Exact statistics of a window's values for one sensor.
 *
 * <p>The window keeps every value anyway (an exact median needs them), so the mean and the
 * variance are computed in two passes over the sorted values rather than incrementally: a
 * compensated sum gives the mean, a correction pass removes its residual error, and the squared
 * deviations from it give the population variance. That stays accurate for values around 1e9 with
 * a small spread, where a one-pass sum of squares loses every digit.
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
        for (int i = 0; i < count; i++) {
            double d = values[i] - mean;
            sumSquares += d * d;
        }
        double stdDev = count == 1 ? 0.0 : Math.sqrt(sumSquares / count);
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

    /** Neumaier-compensated mean, refined by the mean residual. */
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
        double mean = (sum + compensation) / count;
        double residual = 0;
        for (int i = 0; i < count; i++) {
            residual += values[i] - mean;
        }
        return mean + residual / count;
    }
}
