package io.fingerprint.kafkalocal;

import java.util.concurrent.CountDownLatch;

/**
 * How a long-running main (the broker here, the launcher's pipeline) stops: Ctrl-C or SIGTERM runs
 * {@code stop} in a shutdown hook, and {@link #await} returns once it has finished, so main ends with
 * everything closed.
 */
public final class StopOnShutdown {
    private final CountDownLatch stopped = new CountDownLatch(1);

    private StopOnShutdown() {
    }

    public static StopOnShutdown register(String threadName, Runnable stop) {
        StopOnShutdown hook = new StopOnShutdown();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } finally {
                hook.stopped.countDown();
            }
        }, threadName));
        return hook;
    }

    /** Blocks until the shutdown hook has stopped everything (or this thread is interrupted). */
    public void await() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
