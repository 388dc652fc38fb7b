package io.fingerprint.bench;

import io.fingerprint.cli.Cli;
import io.fingerprint.cli.Durations;
import io.fingerprint.cli.Numbers;
import io.fingerprint.cli.WindowTiming;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Sizes of a run; every one a command-line argument, defaults sized for under ten minutes here. */
@Command(name = "bench/run.sh", sortOptions = false,
        description = "Every measurement in one run against its own Kafka broker; items 1-8 as in BENCHMARKS.md.")
final class BenchOptions {

    @Option(names = "--readings", paramLabel = "N", converter = Numbers.AtLeastOneLong.class, defaultValue = "10000000",
            description = "1-4: readings preloaded (default ${DEFAULT-VALUE})")
    long readings;
    @Option(names = "--equipments", paramLabel = "N", converter = Numbers.AtLeastOne.class, defaultValue = "20", description = "1-4 (default ${DEFAULT-VALUE})")
    int equipments;
    @Option(names = "--partitions", paramLabel = "N", converter = Numbers.AtLeastOne.class, defaultValue = "2", description = "1-4 (default ${DEFAULT-VALUE})")
    int partitions;
    @Option(names = "--parallelism", paramLabel = "N", converter = Numbers.AtLeastOne.class, defaultValue = "2", description = "1-4 (default ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--generator-rate", paramLabel = "N", converter = Numbers.AtLeastOne.class, defaultValue = "1000000",
            description = "5: the rate PUT to the generator (default ${DEFAULT-VALUE})")
    int generatorRate;
    @Option(names = "--generator-warmup", paramLabel = "DURATION", converter = Durations.Positive.class, defaultValue = "5s",
            description = "5: time it gets to settle (default ${DEFAULT-VALUE})")
    Duration generatorWarmup;
    @Option(names = "--generator-interval", paramLabel = "DURATION", converter = Durations.Positive.class, defaultValue = "15s",
            description = "5: the interval measured (default ${DEFAULT-VALUE})")
    Duration generatorInterval;
    @Option(names = "--producer-records", paramLabel = "N", converter = Numbers.AtLeastOneLong.class, defaultValue = "10000000",
            description = "5: records Kafka's ProducerPerformance sends (default ${DEFAULT-VALUE})")
    long producerRecords;

    @Option(names = "--saver-windows", paramLabel = "N", converter = Numbers.AtLeastOne.class, defaultValue = "40",
            description = "6: the product's fingerprints of the first N windows (and their readings) go through the saver (default ${DEFAULT-VALUE})")
    int saverWindows;
    @Option(names = "--saver-files", paramLabel = "N", converter = Numbers.AtLeastOne.class, defaultValue = "100000",
            description = "6: files in the saver's folder for the start-up and query measurements (default ${DEFAULT-VALUE})")
    int saverFiles;
    @Option(names = "--saver-queries", paramLabel = "N", converter = Numbers.AtLeastOne.class, defaultValue = "5000",
            description = "6: timed requests per endpoint, after as many again to warm up (default ${DEFAULT-VALUE})")
    int saverQueries;

    @Option(names = "--latency-window", paramLabel = "DURATION", converter = Durations.Positive.class, defaultValue = "12s",
            description = "7: window length, shorter than the product's 1 min to keep the run short; the saver's share grows with it"
                    + " (a file holds window × rate ÷ equipments readings) (default ${DEFAULT-VALUE})")
    Duration latencyWindow;
    @Option(names = "--latency-windows", paramLabel = "N", converter = Numbers.AtLeastOne.class, defaultValue = "4",
            description = "7: windows measured per rate; the high rate runs one more first, as a warm-up (default ${DEFAULT-VALUE})")
    int latencyWindows;
    @Option(names = "--latency-out-of-orderness", paramLabel = "DURATION", converter = Durations.NonNegative.class, defaultValue = "10s",
            description = "7 (default ${DEFAULT-VALUE})")
    Duration latencyOutOfOrderness;
    @Option(names = "--latency-high-rate", paramLabel = "N", converter = Numbers.AtLeastOne.class, defaultValue = "50000",
            description = "7 (default ${DEFAULT-VALUE})")
    int latencyHighRate;
    @Option(names = "--latency-read-ahead", paramLabel = "SIZE", defaultValue = "512M",
            description = "7: the saver's SAVER_READ_AHEAD, the launcher's by default; it should hold a window and its out-of-orderness"
                    + " at the high rate, else ranges are read from Kafka (default ${DEFAULT-VALUE})")
    String latencyReadAhead;
    /** 7: null: the job's default. */
    @Option(names = "--latency-checkpoint-interval", paramLabel = "DURATION", converter = Durations.Positive.class,
            description = "7 (default: the job's)")
    Duration latencyCheckpointInterval;

    @Option(names = "--services-rate", paramLabel = "N", converter = Numbers.AtLeastOne.class, defaultValue = "10000",
            description = "8: the stream each service gets for its \"RSS at\" figure (default ${DEFAULT-VALUE}; 8 also uses 5's --generator-* and 6's --saver-windows)")
    int servicesRate;
    @Option(names = "--services-interval", paramLabel = "DURATION", converter = Durations.Positive.class, defaultValue = "30s",
            description = "8: how long (default ${DEFAULT-VALUE})")
    Duration servicesInterval;
    boolean servicesNative = true;

    Set<Integer> only = new TreeSet<>(Set.of(1, 2, 3, 4, 5, 6, 7, 8));
    @Option(names = "--results", paramLabel = "DIR", defaultValue = "bench/results", description = "(default ${DEFAULT-VALUE})")
    Path results;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this text")
    boolean help;

    @Option(names = "--services-modes", paramLabel = "MODES", converter = Modes.class,
            description = "8: jvm | jvm,native: whether the native executables run too (default jvm,native)")
    void servicesModes(Modes.Native nativeToo) {
        servicesNative = nativeToo.value();
    }

    @Option(names = "--only", paramLabel = "LIST", converter = Items.class,
            description = "e.g. 1-4,7; 6 and 8 need 2's output and run the job unmeasured if 2 is left out (default: all)")
    void only(Items.Chosen items) {
        only = items.value();
    }

    static BenchOptions parse(String... args) {
        BenchOptions o = Cli.parse(new BenchOptions(), args);
        WindowTiming.requireOutOfOrdernessShorter(o.latencyWindow, "--latency-window", o.latencyOutOfOrderness, "--latency-out-of-orderness");
        if (!o.latencyReadAhead.matches("[0-9]+[KMG]?")) {
            throw new IllegalArgumentException("--latency-read-ahead must be a size such as 512M or 1G, not " + o.latencyReadAhead);
        }
        return o;
    }

    static String usage() {
        return Cli.usage(new BenchOptions());
    }

    boolean runs(int item) {
        return only.contains(item);
    }

    /** {@code 1-4,7}: items 1 to 8. */
    static final class Items implements ITypeConverter<Items.Chosen> {
        /** Not a Set itself, which picocli would read as a repeatable option. */
        record Chosen(Set<Integer> value) {
        }

        @Override
        public Chosen convert(String list) {
            Set<Integer> items = new TreeSet<>();
            for (String part : list.split(",")) {
                String[] range = part.trim().split("-");
                int from = item(range[0]);
                int to = range.length > 1 ? item(range[1]) : from;
                for (int i = from; i <= to; i++) {
                    items.add(i);
                }
            }
            return new Chosen(items);
        }

        private static int item(String text) {
            return (int) Numbers.whole(text, 1, 8, "items are 1 to 8");
        }
    }

    /** {@code jvm} or {@code jvm,native}. */
    static final class Modes implements ITypeConverter<Modes.Native> {
        record Native(boolean value) {
        }

        @Override
        public Native convert(String value) {
            return switch (value.replace(" ", "")) {
                case "jvm,native", "native,jvm" -> new Native(true);
                case "jvm" -> new Native(false);
                default -> throw new TypeConversionException("expected jvm or jvm,native");
            };
        }
    }

    String describe() {
        return "--readings " + readings + " --equipments " + equipments + " --partitions " + partitions + " --parallelism " + parallelism
                + " --generator-rate " + generatorRate + " --generator-warmup " + Durations.millis(generatorWarmup)
                + " --generator-interval " + Durations.millis(generatorInterval) + " --producer-records " + producerRecords
                + " --saver-windows " + saverWindows + " --saver-files " + saverFiles + " --saver-queries " + saverQueries
                + " --latency-window " + Durations.millis(latencyWindow) + " --latency-windows " + latencyWindows
                + " --latency-out-of-orderness " + Durations.millis(latencyOutOfOrderness) + " --latency-high-rate " + latencyHighRate
                + " --latency-read-ahead " + latencyReadAhead
                + (latencyCheckpointInterval == null ? "" : " --latency-checkpoint-interval " + Durations.millis(latencyCheckpointInterval))
                + " --services-rate " + servicesRate + " --services-interval " + Durations.millis(servicesInterval)
                + (servicesNative ? "" : " --services-modes jvm")
                + (only.size() < 8 ? " --only " + only.toString().replaceAll("[\\[\\] ]", "") : "");
    }
}
