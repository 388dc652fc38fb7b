package io.fingerprint.generator.emit;

/**
 * Whether the generator reaches the rate it was set to, so that a rate above what this machine and
 * Kafka can take is never accepted silently: short once fewer than {@value #REACHED_SHARE} of the
 * target were acknowledged per second for {@value #TICKS} ticks in a row, reached again after as many
 * at or above it. Reports each change once. Pure: the ticker feeds it once a second.
 */
final class RateShortfall {

    static final double REACHED_SHARE = 0.9;
    static final int TICKS = 3;

    enum Change { NONE, FELL_SHORT, REACHED_AGAIN }

    private boolean falling;
    private int streak;

    /** One tick: the rate set (0 while paused) and the readings acknowledged per second over it. */
    Change onTick(int target, double achieved) {
        // one reading of slack: a tick boundary can move one acknowledgement into the next tick
        boolean shortNow = target > 0 && achieved < REACHED_SHARE * target - 1;
        if (shortNow == falling) {
            streak = 0;
            return Change.NONE;
        }
        if (target == 0) {
            // paused: nothing to reach, at once and without a word
            streak = 0;
            falling = false;
            return Change.NONE;
        }
        if (++streak < TICKS) {
            return Change.NONE;
        }
        streak = 0;
        falling = shortNow;
        return falling ? Change.FELL_SHORT : Change.REACHED_AGAIN;
    }

    /** False while the generator falls short of the rate set. */
    boolean reached() {
        return !falling;
    }
}
