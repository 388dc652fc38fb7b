package io.fingerprint.job.stats;

import java.util.Arrays;

/** The k-th smallest of a range of doubles, found in place (quickselect, sorting as a fallback). */
final class Selection {

    private static final int SMALL = 16;

    private Selection() {
    }

    /**
     * Rearranges {@code values[0..count)} so that index {@code k} holds the value a sort would put
     * there, everything before it is no greater and everything after no smaller; returns it.
     */
    static double select(double[] values, int count, int k) {
        int lo = 0;
        int hi = count - 1;
        // a bad pivot streak (adversarial order) falls back to the O(n log n) sort
        int budget = 2 * (64 - Long.numberOfLeadingZeros(count)) + 8;
        while (hi - lo > SMALL) {
            if (budget-- == 0) {
                Arrays.sort(values, lo, hi + 1);
                return values[k];
            }
            double pivot = medianOfThree(values[lo], values[(lo + hi) >>> 1], values[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = values[i];
                    values[i] = values[j];
                    values[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k]; // between j and i: equal to the pivot
            }
        }
        Arrays.sort(values, lo, hi + 1);
        return values[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
