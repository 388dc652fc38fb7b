package io.fingerprint.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes of a run; every one a command-line argument, defaults sized for under ten minutes here. */
final class BenchOptions {

    static final String USAGE = """
            usage: bench/run.sh [options]       (defaults in brackets)
              1-4  --readings N [10000000] --equipments N [20] --partitions N [2] --parallelism N [2]
              5    --generator-rate N [200000] --generator-warmup DUR [5s] --generator-interval DUR [15s]
                   --producer-records N [10000000]
              6    --saver-windows N [40] --saver-files N [100000] --saver-queries N [5000]
              7    --latency-window DUR [12s] --latency-windows N [4] --latency-out-of-orderness DUR [10s]
                   --latency-high-rate N [50000] --latency-checkpoint-interval DUR [the job's 10s; 1s for windows under 10s]
              8    --services-rate N [10000] --services-interval DUR [30s] --services-modes jvm|jvm,native [jvm,native]
                   (also uses 5's --generator-* and 6's --saver-windows)
                   --only LIST (e.g. 1-4,7; 6 and 8 need 2's output and run the job unmeasured if 2 is left out)
                   --results DIR [bench/results]""";

    long readings = 10_000_000;
    int equipments = 20;
    int partitions = 2;
    int parallelism = 2;
    Path results = Path.of("bench", "results");

    /** 5: the rate PUT to the generator, the time it gets to settle, the interval measured. */
    int generatorRate = 200_000;
    Duration generatorWarmup = Duration.ofSeconds(5);
    Duration generatorInterval = Duration.ofSeconds(15);
    /** 5: records Kafka's ProducerPerformance sends. */
    long producerRecords = 10_000_000;

    /** 6: the product's fingerprints of the first N windows (and their readings) go through the saver. */
    int saverWindows = 40;
    /** 6: files in the saver's folder for the start-up and query measurements. */
    int saverFiles = 100_000;
    /** 6: timed requests per endpoint (after as many again to warm up). */
    int saverQueries = 5_000;

    /** 7: window length (shorter than the product's 1 min to keep the run short) and windows per rate. */
    Duration latencyWindow = Duration.ofSeconds(12);
    int latencyWindows = 4;
    Duration latencyOutOfOrderness = Duration.ofSeconds(10);
    int latencyHighRate = 50_000;
    /** 7: null: the job's default (10 s), or 1 s for windows under 10 s, as the launcher does. */
    Duration latencyCheckpointInterval;

    /** 8: the stream each service gets for its "RSS at" figure, how long, and whether the native executables run too. */
    int servicesRate = 10_000;
    Duration servicesInterval = Duration.ofSeconds(30);
    boolean servicesNative = true;

    Set<Integer> only = new TreeSet<>(Set.of(1, 2, 3, 4, 5, 6, 7, 8));

    static BenchOptions parse(String... args) {
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            String name = args[i];
            switch (name) {
                case "--readings" -> o.readings = Long.parseLong(require(name, value));
                case "--equipments" -> o.equipments = Integer.parseInt(require(name, value));
                case "--partitions" -> o.partitions = Integer.parseInt(require(name, value));
                case "--parallelism" -> o.parallelism = Integer.parseInt(require(name, value));
                case "--results" -> o.results = Path.of(require(name, value));
                case "--generator-rate" -> o.generatorRate = Integer.parseInt(require(name, value));
                case "--generator-warmup" -> o.generatorWarmup = duration(name, require(name, value));
                case "--generator-interval" -> o.generatorInterval = duration(name, require(name, value));
                case "--producer-records" -> o.producerRecords = Long.parseLong(require(name, value));
                case "--saver-windows" -> o.saverWindows = Integer.parseInt(require(name, value));
                case "--saver-files" -> o.saverFiles = Integer.parseInt(require(name, value));
                case "--saver-queries" -> o.saverQueries = Integer.parseInt(require(name, value));
                case "--latency-window" -> o.latencyWindow = duration(name, require(name, value));
                case "--latency-windows" -> o.latencyWindows = Integer.parseInt(require(name, value));
                case "--latency-out-of-orderness" -> o.latencyOutOfOrderness = duration(name, require(name, value));
                case "--latency-high-rate" -> o.latencyHighRate = Integer.parseInt(require(name, value));
                case "--latency-checkpoint-interval" -> o.latencyCheckpointInterval = duration(name, require(name, value));
                case "--services-rate" -> o.servicesRate = Integer.parseInt(require(name, value));
                case "--services-interval" -> o.servicesInterval = duration(name, require(name, value));
                case "--services-modes" -> o.servicesNative = modes(require(name, value));
                case "--only" -> o.only = items(require(name, value));
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown argument '" + name + "'\n" + USAGE);
            }
            i++;
        }
        if (o.latencyOutOfOrderness.compareTo(o.latencyWindow) >= 0) {
            throw new IllegalArgumentException("--latency-out-of-orderness must be shorter than --latency-window (as the job requires)");
        }
        if (o.readings < 1 || o.equipments < 1 || o.partitions < 1 || o.parallelism < 1 || o.generatorRate < 1 || o.producerRecords < 1
                || o.saverWindows < 1 || o.saverFiles < 1 || o.saverQueries < 1 || o.latencyWindows < 1 || o.latencyHighRate < 1
                || o.servicesRate < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        return o;
    }

    boolean runs(int item) {
        return only.contains(item);
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min)");

    static Duration duration(String name, String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " must be a duration such as 500ms, 15s or 1min, got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }

    private static Set<Integer> items(String list) {
        Set<Integer> items = new TreeSet<>();
        for (String part : list.split(",")) {
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0].trim());
            int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
            for (int i = from; i <= to; i++) {
                if (i < 1 || i > 8) {
                    throw new IllegalArgumentException("--only takes items 1 to 8, got " + i);
                }
                items.add(i);
            }
        }
        return items;
    }

    /** true for "jvm,native", false for "jvm". */
    private static boolean modes(String value) {
        return switch (value.replace(" ", "")) {
            case "jvm,native", "native,jvm" -> true;
            case "jvm" -> false;
            default -> throw new IllegalArgumentException("--services-modes takes jvm or jvm,native, got '" + value + "'");
        };
    }

    private static String require(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }

    String describe() {
        return "--readings " + readings + " --equipments " + equipments + " --partitions " + partitions + " --parallelism " + parallelism
                + " --generator-rate " + generatorRate + " --generator-warmup " + generatorWarmup.toMillis() + "ms"
                + " --generator-interval " + generatorInterval.toMillis() + "ms --producer-records " + producerRecords
                + " --saver-windows " + saverWindows + " --saver-files " + saverFiles + " --saver-queries " + saverQueries
                + " --latency-window " + latencyWindow.toMillis() + "ms --latency-windows " + latencyWindows
                + " --latency-out-of-orderness " + latencyOutOfOrderness.toMillis() + "ms --latency-high-rate " + latencyHighRate
                + (latencyCheckpointInterval == null ? "" : " --latency-checkpoint-interval " + latencyCheckpointInterval.toMillis() + "ms")
                + " --services-rate " + servicesRate + " --services-interval " + servicesInterval.toMillis() + "ms"
                + (servicesNative ? "" : " --services-modes jvm")
                + (only.size() < 8 ? " --only " + only.toString().replaceAll("[\\[\\] ]", "") : "");
    }
}
