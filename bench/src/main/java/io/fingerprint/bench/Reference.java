package io.fingerprint.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;

/** Exact statistics (BigDecimal) of a list of values: what every implementation is held to. */
record Reference(double min, double max, double median, double mean, double stdDev, long count) {

    private static final MathContext MC = new MathContext(50);

    static Reference of(List<Double> list) {
        double[] v = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        BigDecimal sum = BigDecimal.ZERO;
        for (double x : v) {
            sum = sum.add(new BigDecimal(x));
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(n), MC);
        BigDecimal squares = BigDecimal.ZERO;
        for (double x : v) {
            BigDecimal d = new BigDecimal(x).subtract(mean);
            squares = squares.add(d.multiply(d));
        }
        double std = Math.sqrt(squares.divide(BigDecimal.valueOf(n), MC).doubleValue());
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Reference(v[0], v[n - 1], median, mean.doubleValue(), std, n);
    }

    /** Relative error of {@code actual} against {@code expected}. */
    static double error(double actual, double expected) {
        return actual == expected ? 0 : Math.abs(actual - expected) / Math.max(Math.abs(expected), Double.MIN_NORMAL);
    }

    /** Throws unless the values agree: min, max and median exactly, mean and std_dev within 1e-9. */
    void check(String what, double min, double max, double median, double mean, double stdDev, long count) {
        if (min != this.min || max != this.max || median != this.median || count != this.count
                || error(mean, this.mean) > 1e-9 || error(stdDev, this.stdDev) > 1e-9) {
            throw new IllegalStateException(what + ": got " + Arrays.toString(new double[] {min, max, median, mean, stdDev, count})
                    + ", reference " + this);
        }
    }
}
