package io.fingerprint.launcher;

import io.fingerprint.cli.Cli;
import io.fingerprint.cli.Durations;
import io.fingerprint.cli.Numbers;
import io.fingerprint.cli.WindowTiming;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The launcher's arguments, with the defaults of the containers and the original pipeline. */
@Command(name = "./run-local.sh", sortOptions = false,
        description = "Kafka, the Flink job, the generator and the saver on this machine, no Docker; Ctrl-C stops them all.")
final class PipelineOptions {

    @Option(names = "--clean", description = "start from empty Kafka data and an empty output folder")
    boolean clean;
    @Option(names = "--window-size", paramLabel = "DURATION", converter = Durations.Positive.class, defaultValue = "1min",
            description = "fingerprint window, e.g. 10s for a quick demo (default ${DEFAULT-VALUE})")
    Duration windowSize;
    @Option(names = "--out-of-orderness", paramLabel = "DURATION", converter = Durations.NonNegative.class, defaultValue = "10s",
            description = "how late a reading may arrive (default ${DEFAULT-VALUE})")
    Duration outOfOrderness;
    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = Durations.Positive.class, defaultValue = "10s",
            description = "quiet time after which windows close by the wall clock (default ${DEFAULT-VALUE})")
    Duration idleTimeout;
    @Option(names = "--rate", paramLabel = "N", converter = Numbers.NonNegative.class, defaultValue = "5",
            description = "generator readings per second at start (default ${DEFAULT-VALUE})")
    int rate;
    @Option(names = "--data-dir", paramLabel = "PATH", defaultValue = ".local", description = "Kafka data and job checkpoints (default ${DEFAULT-VALUE})")
    Path dataDir;
    @Option(names = "--output-dir", paramLabel = "PATH", defaultValue = "output", description = "saved fingerprint files (default ./${DEFAULT-VALUE})")
    Path outputDir;
    @Option(names = "--kafka-port", paramLabel = "PORT", converter = Numbers.Port.class, defaultValue = "9092", description = "(default ${DEFAULT-VALUE})")
    int kafkaPort;
    @Option(names = "--controller-port", paramLabel = "PORT", converter = Numbers.Port.class, defaultValue = "9093",
            description = "the KRaft controller (default ${DEFAULT-VALUE})")
    int controllerPort;
    @Option(names = "--web-ui-port", paramLabel = "PORT", converter = Numbers.Port.class, defaultValue = "8081",
            description = "Flink Web UI (default ${DEFAULT-VALUE})")
    int webUiPort;
    @Option(names = "--generator-port", paramLabel = "PORT", converter = Numbers.Port.class, defaultValue = "8080", description = "(default ${DEFAULT-VALUE})")
    int generatorPort;
    @Option(names = "--saver-port", paramLabel = "PORT", converter = Numbers.Port.class, defaultValue = "8090", description = "(default ${DEFAULT-VALUE})")
    int saverPort;
    @Option(names = "--native", description = {"run the generator and saver as native executables, built first with",
            "./mvnw -pl generator-service,saver-service -am package -DskipTests -Dnative",
            "-Dquarkus.native.graalvm-home=DIR/gvm (README, \"Native executables\")"})
    boolean nativeServices;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this text")
    boolean help;

    static PipelineOptions parse(String... args) {
        PipelineOptions o = Cli.parse(new PipelineOptions(), args);
        WindowTiming.requireOutOfOrdernessShorter(o.windowSize, "--window-size", o.outOfOrderness, "--out-of-orderness");
        return o;
    }

    static String usage() {
        return Cli.usage(new PipelineOptions());
    }
}
