package io.fingerprint.formats.fingerprint;

import java.util.Objects;

/**
 * The statistics of one sensor over one window. A Flink POJO (public fields, no-arg constructor) so
 * it travels without Kryo.
 */
public class SensorSummary {
    public String sensorId;
    public double min;
    public double max;
    public double median;
    public double mean;
    /** Population standard deviation. */
    public double stdDev;
    public long count;

    public SensorSummary() {
    }

    public SensorSummary(String sensorId, double min, double max, double median, double mean, double stdDev, long count) {
        this.sensorId = sensorId;
        this.min = min;
        this.max = max;
        this.median = median;
        this.mean = mean;
        this.stdDev = stdDev;
        this.count = count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorSummary s && Objects.equals(sensorId, s.sensorId)
                && Double.compare(min, s.min) == 0 && Double.compare(max, s.max) == 0
                && Double.compare(median, s.median) == 0 && Double.compare(mean, s.mean) == 0
                && Double.compare(stdDev, s.stdDev) == 0 && count == s.count;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensorId, min, max, median, mean, stdDev, count);
    }

    @Override
    public String toString() {
        return sensorId + "{min=" + min + ", max=" + max + ", median=" + median + ", mean=" + mean
                + ", std_dev=" + stdDev + ", count=" + count + "}";
    }
}
