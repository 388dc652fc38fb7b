package io.fingerprint.generator.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateControlTest {

    @Test
    void pauseKeepsTheRateForResume() {
        RateControl control = new RateControl(5, 100);
        control.pause();
        assertThat(control.running()).isFalse();
        assertThat(control.effectiveRate()).isZero();
        assertThat(control.rate()).isEqualTo(5);
        control.resume();
        assertThat(control.effectiveRate()).isEqualTo(5);
    }

    @Test
    void rateZeroPausesAndResumeGoesBackToTheLastRate() {
        RateControl control = new RateControl(5, 100);
        control.setRate(40);
        control.setRate(0);
        assertThat(control.running()).isFalse();
        control.resume();
        assertThat(control.effectiveRate()).isEqualTo(40);
    }

    @Test
    void settingARateWhilePausedResumes() {
        RateControl control = new RateControl(0, 100);
        assertThat(control.running()).isFalse();
        control.setRate(10);
        assertThat(control.running()).isTrue();
    }

    @Test
    void refusesOutOfRange() {
        RateControl control = new RateControl(5, 100);
        assertThatThrownBy(() -> control.setRate(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> control.setRate(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(control.rate()).isEqualTo(5);
    }

    @Test
    void refusesAStartRateAboveTheMaximumNamingBothSettings() {
        assertThatThrownBy(() -> new RateControl(101, 100))
                .hasMessageContaining("generator.readings-per-second").hasMessageContaining("generator.max-readings-per-second");
    }
}
