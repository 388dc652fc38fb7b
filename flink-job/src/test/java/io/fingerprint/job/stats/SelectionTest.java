package io.fingerprint.job.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SelectionTest {

    @Test
    void selectsWhatASortWouldPutThereAndPartitionsAroundIt() {
        Random random = new Random(3);
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(round < 250 ? 40 : 5000);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                // few distinct values in some rounds: many duplicates of the pivot
                values[i] = round % 3 == 0 ? random.nextInt(4) : random.nextGaussian() * 1e3;
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int k = random.nextInt(n);
            double[] work = values.clone();
            double selected = Selection.select(work, n, k);
            assertThat(selected).isEqualTo(sorted[k]);
            assertThat(work[k]).isEqualTo(sorted[k]);
            for (int i = 0; i < k; i++) {
                assertThat(work[i]).isLessThanOrEqualTo(selected);
            }
            for (int i = k + 1; i < n; i++) {
                assertThat(work[i]).isGreaterThanOrEqualTo(selected);
            }
            double[] again = work.clone();
            Arrays.sort(again);
            assertThat(again).containsExactly(sorted);
        }
    }

    @Test
    void sortedReversedAndConstantInputs() {
        double[] ascending = new double[10_001];
        double[] descending = new double[10_001];
        double[] constant = new double[10_001];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = i;
            descending[i] = -i;
            constant[i] = 7;
        }
        assertThat(Selection.select(ascending, ascending.length, 5_000)).isEqualTo(5_000);
        assertThat(Selection.select(descending, descending.length, 5_000)).isEqualTo(-5_000);
        assertThat(Selection.select(constant, constant.length, 5_000)).isEqualTo(7);
    }
}
