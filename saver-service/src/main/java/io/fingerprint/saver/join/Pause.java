package io.fingerprint.saver.join;

import org.apache.kafka.common.errors.InterruptException;

/** The join and read-ahead threads' wait before trying Kafka again. */
final class Pause {

    private Pause() {
    }

    /** Sleeps; an interrupt comes out as Kafka's {@link InterruptException}, which ends either thread's loop. */
    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }
}
