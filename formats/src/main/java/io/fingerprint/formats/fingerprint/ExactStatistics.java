package io.fingerprint.formats.fingerprint;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/**
 * What a fingerprint's statistics mean, computed exactly: decimal arithmetic (BigDecimal) for the mean,
 * the two-pass population variance and the middle of an even count, a plain sorted copy for the median.
 * The reference the job's fast arithmetic is held to by its tests and by the bench; slow, never on a
 * hot path.
 */
public final class ExactStatistics {

    private static final MathContext MC = new MathContext(60);

    private ExactStatistics() {
    }

    public static SensorSummary of(String sensorId, double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : sorted) {
            sum = sum.add(new BigDecimal(v));
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(n), MC);
        BigDecimal squares = BigDecimal.ZERO;
        for (double v : sorted) {
            BigDecimal d = new BigDecimal(v).subtract(mean);
            squares = squares.add(d.multiply(d));
        }
        double variance = squares.divide(BigDecimal.valueOf(n), MC).doubleValue();
        double median = n % 2 == 1
                ? sorted[n / 2]
                : new BigDecimal(sorted[n / 2 - 1]).add(new BigDecimal(sorted[n / 2])).divide(BigDecimal.valueOf(2), MC).doubleValue();
        return new SensorSummary(sensorId, sorted[0], sorted[n - 1], median, mean.doubleValue(), Math.sqrt(variance), n);
    }

    /** |actual − expected| / |expected|; 0 when equal. */
    public static double relativeError(double actual, double expected) {
        if (actual == expected) {
            return 0;
        }
        return Math.abs(actual - expected) / Math.max(Math.abs(expected), Double.MIN_NORMAL);
    }
}
