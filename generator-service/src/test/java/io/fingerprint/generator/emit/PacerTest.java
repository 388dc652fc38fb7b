package io.fingerprint.generator.emit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {

    private static final long MS = 1_000_000L;

    @Test
    void spreadsALowRateEvenly() {
        Pacer pacer = new Pacer(300 * MS);
        long total = pacer.due(0, 5);
        int slicesWithReadings = 0;
        for (long t = 50 * MS; t <= 1000 * MS; t += 50 * MS) {
            long due = pacer.due(t, 5);
            assertThat(due).isBetween(0L, 1L);
            slicesWithReadings += (int) due;
            total += due;
        }
        assertThat(total).isEqualTo(5);
        assertThat(slicesWithReadings).isEqualTo(5);
    }

    @Test
    void highRatesGetBatchesSizedToTheElapsedTime() {
        Pacer pacer = new Pacer(300 * MS);
        pacer.due(0, 200_000);
        assertThat(pacer.due(50 * MS, 200_000)).isEqualTo(10_000);
    }

    @Test
    void aStallIsNotMadeUpBeyondTheCap() {
        Pacer pacer = new Pacer(300 * MS);
        pacer.due(0, 1000);
        assertThat(pacer.due(5000 * MS, 1000)).isEqualTo(300);
        // the other 4.7 s of readings are reported, once
        assertThat(pacer.takeSkipped()).isEqualTo(4700);
        assertThat(pacer.takeSkipped()).isZero();
        assertThat(pacer.due(5050 * MS, 1000)).isEqualTo(50);
        assertThat(pacer.takeSkipped()).isZero();
    }

    @Test
    void aPauseSkipsNothing() {
        Pacer pacer = new Pacer(300 * MS);
        pacer.due(0, 0);
        pacer.due(5000 * MS, 0);
        assertThat(pacer.takeSkipped()).isZero();
    }

    @Test
    void pausingDropsAccumulatedCredit() {
        Pacer pacer = new Pacer(300 * MS);
        pacer.due(0, 3);
        pacer.due(100 * MS, 3); // 0.3 of a reading owed
        assertThat(pacer.due(200 * MS, 0)).isZero();
        assertThat(pacer.due(300 * MS, 3)).isZero(); // 0.3 again, not 0.9
    }
}
