package io.fingerprint.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The environment of the comparison jobs: the same parallelism and checkpointing as the product's
 * (every 10 s, to a file system: the JobManager's 5 MB heap store fails on a busy window).
 */
final class BenchEnvironment {

    private BenchEnvironment() {
    }

    static StreamExecutionEnvironment create(int parallelism) {
        Configuration conf = new Configuration();
        try {
            java.nio.file.Path checkpoints = Files.createTempDirectory("bench-checkpoints-");
            checkpoints.toFile().deleteOnExit(); // empty once the bounded job has finished
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(10_000);
        return env;
    }
}
