package io.fingerprint.launcher;

import java.util.concurrent.TimeUnit;

/** The faults the tests inject into a running {@link LocalPipeline}: a part killed, the broker stopped, each started again. */
final class PipelineFaults {

    private PipelineFaults() {
    }

    /** SIGKILL to one part (no shutdown hook runs); returns once it has exited. */
    static void kill(LocalPipeline pipeline, String name) {
        ChildProcess child = pipeline.part(name);
        child.process().destroyForcibly();
        try {
            if (!child.process().waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " still alive 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name);
        }
    }

    /** Starts the saver again, with the same folder, group and ports, once it has exited; returns when it is ready. */
    static void restartSaver(LocalPipeline pipeline) {
        if (pipeline.part("saver").isAlive()) {
            throw new IllegalStateException("the saver is still running");
        }
        pipeline.startSaver();
    }

    /** Stops the Kafka broker as Ctrl-C would (SIGTERM, clean shutdown); the other parts keep running. */
    static void stopKafka(LocalPipeline pipeline) {
        System.out.println("[test] stopping Kafka (the other parts keep running)");
        pipeline.kafka().close();
    }

    /** Starts the broker again on the same ports with the same data folder; returns once it is ready. */
    static void restartKafka(LocalPipeline pipeline) {
        if (pipeline.kafka().isAlive()) {
            throw new IllegalStateException("Kafka is still running");
        }
        pipeline.startKafka();
        System.out.println("[test] Kafka is running again on " + pipeline.kafkaBootstrap());
    }
}
