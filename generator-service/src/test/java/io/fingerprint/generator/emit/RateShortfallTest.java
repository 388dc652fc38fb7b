package io.fingerprint.generator.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.generator.emit.RateShortfall.Change;
import org.junit.jupiter.api.Test;

/** When the generator says it falls short of the rate set, and when it says it reaches it again: by hand, tick by tick. */
class RateShortfallTest {

    private final RateShortfall shortfall = new RateShortfall();

    @Test
    void threeTicksUnder90PercentFallShortOnceAndThreeAtOrAboveReachItAgainOnce() {
        assertThat(shortfall.onTick(100_000, 80_000)).isEqualTo(Change.NONE);
        assertThat(shortfall.onTick(100_000, 80_000)).isEqualTo(Change.NONE);
        assertThat(shortfall.reached()).isTrue();
        assertThat(shortfall.onTick(100_000, 89_998)).isEqualTo(Change.FELL_SHORT);
        assertThat(shortfall.reached()).isFalse();
        assertThat(shortfall.onTick(100_000, 80_000)).as("said once").isEqualTo(Change.NONE);

        assertThat(shortfall.onTick(100_000, 90_000)).isEqualTo(Change.NONE);
        assertThat(shortfall.onTick(100_000, 95_000)).isEqualTo(Change.NONE);
        assertThat(shortfall.onTick(100_000, 100_000)).isEqualTo(Change.REACHED_AGAIN);
        assertThat(shortfall.reached()).isTrue();
        assertThat(shortfall.onTick(100_000, 100_000)).isEqualTo(Change.NONE);
    }

    @Test
    void aTickThatBreaksTheStreakStartsItAgain() {
        shortfall.onTick(1_000, 500);
        shortfall.onTick(1_000, 500);
        shortfall.onTick(1_000, 1_000); // one good second: a ramp, not a shortfall
        assertThat(shortfall.onTick(1_000, 500)).isEqualTo(Change.NONE);
        assertThat(shortfall.onTick(1_000, 500)).isEqualTo(Change.NONE);
        assertThat(shortfall.reached()).isTrue();
        assertThat(shortfall.onTick(1_000, 500)).isEqualTo(Change.FELL_SHORT);
    }

    @Test
    void atLowRatesOneReadingAcrossATickBoundaryIsNotAShortfall() {
        for (int i = 0; i < 5; i++) {
            assertThat(shortfall.onTick(5, 4)).isEqualTo(Change.NONE);
        }
        assertThat(shortfall.reached()).isTrue();
        shortfall.onTick(5, 3);
        shortfall.onTick(5, 3);
        assertThat(shortfall.onTick(5, 3)).isEqualTo(Change.FELL_SHORT);
    }

    @Test
    void pausedThereIsNothingToReach() {
        for (int i = 0; i < 3; i++) {
            shortfall.onTick(1_000, 0);
        }
        assertThat(shortfall.reached()).isFalse();
        assertThat(shortfall.onTick(0, 0)).isEqualTo(Change.NONE);
        assertThat(shortfall.reached()).isTrue();
        assertThat(shortfall.onTick(0, 0)).isEqualTo(Change.NONE);
    }
}
