package io.fingerprint.job.stats;

import io.fingerprint.formats.fingerprint.SensorSummary;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/**
 * An independent reference for the statistics: exact decimal arithmetic (BigDecimal) for the mean
 * and the two-pass population variance, a plain sorted copy for the median.
 */
public final class ReferenceStatistics {

    private static final MathContext MC = new MathContext(60);

    private ReferenceStatistics() {
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
}
