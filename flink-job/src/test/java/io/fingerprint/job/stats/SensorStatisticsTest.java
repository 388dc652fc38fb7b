package io.fingerprint.job.stats;

import io.fingerprint.formats.fingerprint.ExactStatistics;
import io.fingerprint.formats.fingerprint.SensorSummary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SensorStatisticsTest {

    @Test
    void oneValue() {
        SensorSummary s = SensorStatistics.summarise("0001", new double[] {42.5}, 1);
        assertThat(s).isEqualTo(new SensorSummary("0001", 42.5, 42.5, 42.5, 42.5, 0.0, 1));
    }

    @Test
    void allEqualValuesHaveNoSpread() {
        double[] values = new double[1000];
        java.util.Arrays.fill(values, 0.1);
        SensorSummary s = SensorStatistics.summarise("0001", values, values.length);
        assertThat(s.mean).isEqualTo(0.1);
        assertThat(s.median).isEqualTo(0.1);
        assertThat(s.stdDev).isEqualTo(0.0);
        assertThat(s.count).isEqualTo(1000);
    }

    @Test
    void evenCountMedianIsTheMeanOfTheMiddleTwo() {
        SensorSummary s = SensorStatistics.summarise("0002", new double[] {4, 1, 3, 2}, 4);
        assertThat(s.median).isEqualTo(2.5);
        assertThat(s.min).isEqualTo(1);
        assertThat(s.max).isEqualTo(4);
        assertThat(s.mean).isEqualTo(2.5);
        assertThat(s.stdDev).isEqualTo(Math.sqrt(1.25));
    }

    @Test
    void onlyTheGivenPrefixCounts() {
        SensorSummary s = SensorStatistics.summarise("0003", new double[] {5, 1, 99, 99}, 2);
        assertThat(s).isEqualTo(new SensorSummary("0003", 1, 5, 3, 3, 2, 2));
    }

    @Test
    void noValuesIsAnError() {
        assertThatThrownBy(() -> SensorStatistics.summarise("0004", new double[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10, 61, 1000, 100_000})
    void matchesTheReferenceOnRandomData(int n) {
        Random random = new Random(n);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble() * 100;
        }
        assertMatchesReference(values);
    }

    @Test
    void largeMagnitudesWithASmallSpreadKeepTheirDigits() {
        // ~1e9 with a spread of ~1e-3: a one-pass sum of squares would return 0 or garbage here
        Random random = new Random(7);
        double[] values = new double[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1e9 + random.nextDouble() * 1e-3;
        }
        SensorSummary s = assertMatchesReference(values);
        assertThat(s.stdDev).isCloseTo(1e-3 / Math.sqrt(12), within(2e-5));
    }

    @Test
    void negativeAndMixedSignValues() {
        assertMatchesReference(new double[] {-1e6, 3.25, -0.5, 1e6, 7, -7, 0});
    }

    private static SensorSummary assertMatchesReference(double[] values) {
        SensorSummary expected = ExactStatistics.of("s", values);
        SensorSummary actual = SensorStatistics.summarise("s", values.clone(), values.length);
        assertThat(actual.min).isEqualTo(expected.min);
        assertThat(actual.max).isEqualTo(expected.max);
        assertThat(actual.median).isEqualTo(expected.median);
        assertThat(actual.count).isEqualTo(expected.count);
        assertThat(ExactStatistics.relativeError(actual.mean, expected.mean)).as("mean").isLessThan(1e-14);
        assertThat(ExactStatistics.relativeError(actual.stdDev, expected.stdDev)).as("std_dev").isLessThan(1e-9);
        return actual;
    }
}
