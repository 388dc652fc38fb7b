package io.fingerprint.cli;

import java.time.Duration;

/** The job's rule on its window settings, checked by the job and by every command that starts it, in one place. */
public final class WindowTiming {

    private WindowTiming() {
    }

    /**
     * A window's fingerprint waits out-of-orderness past the window's end; a wait of a whole window or
     * more is refused as a mistake (more open windows than closed ones, fingerprints a window behind).
     */
    public static void requireOutOfOrdernessShorter(Duration window, String windowOption, Duration outOfOrderness, String outOfOrdernessOption) {
        if (outOfOrderness.compareTo(window) >= 0) {
            throw new IllegalArgumentException(outOfOrdernessOption + " must be shorter than " + windowOption);
        }
    }
}
