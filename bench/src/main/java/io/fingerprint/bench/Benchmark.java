package io.fingerprint.bench;

import io.fingerprint.kafkalocal.KafkaLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * One run, every measurement against the same preloaded topic on its own real broker, reported as
 * readings/s and as ratios (the machine is shared and noisy: ratios of one run travel better than
 * absolute figures). Prints a table and writes a Markdown copy to the results folder.
 */
public final class Benchmark {

    private final BenchOptions options;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Benchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path report = new Benchmark(options).run();
        System.out.println("Markdown copy: " + report);
        System.exit(0);
    }

    /** Runs every measurement; returns the Markdown report written. */
    Path run() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (KafkaLocal kafka = KafkaLocal.builder().maxHeap("2g").start()) {
            String bootstrap = kafka.bootstrapServers();
            log("loading " + options.readings + " readings into " + options.partitions + " partitions");
            long loadStart = System.nanoTime();
            BenchData data = BenchData.load(bootstrap, "bench-sensor-data-" + run, options);
            double loadSeconds = seconds(loadStart);
            notes.add(String.format(Locale.ROOT, "Loaded %,d readings (%,d equipments, %.0f bytes each on average, %,d fingerprints expected) in %.1f s.",
                    data.readings, options.equipments, (double) data.payloadBytes / data.readings, data.expectedFingerprints(), loadSeconds));

            double ceiling = measure("1. Ceiling: " + options.partitions + " KafkaConsumer threads + Jackson streaming parse", data,
                    () -> Ceiling.readAndParse(bootstrap, data, options.partitions));
            double product = measure("2. Product job (Flink, parallelism " + options.parallelism + ", exactly-once, checkpoints)", data,
                    () -> ProductRun.run(bootstrap, data, options.parallelism, run));
            double plain = measure("3. Plain Flink job (JsonNode, keyBy equipment+sensor, sort per window)", data,
                    () -> PlainJob.run(bootstrap, data, options.parallelism));
            double sql = measure("4. Flink SQL (TUMBLE, UNNEST, PERCENTILE, STDDEV_POP)", data,
                    () -> SqlJob.run(bootstrap, data.topic, options.parallelism).rows());

            rows.get(0)[3] = "1.00";
            for (String[] row : rows) {
                row[3] = String.format(Locale.ROOT, "%.2f", Double.parseDouble(row[2].replace(",", "")) / ceiling);
            }
            notes.add(String.format(Locale.ROOT, "Product job: %.2f× the ceiling (target ≥ 0.8), %.2f× the plain job (target ≥ 3), %.2f× Flink SQL (target > 1).",
                    product / ceiling, product / plain, product / sql));
            notes.add("Product job output checked: every (equipment, window) exactly once, every per-sensor count equal to the reference,"
                    + " every value of the sampled windows equal to an exact (BigDecimal) reference.");

            accuracy(bootstrap, run);
        }
        return write();
    }

    private void accuracy(String bootstrap, String run) throws Exception {
        BenchData big = BenchData.loadLargeMagnitudes(bootstrap, "bench-large-" + run, 20_000);
        Reference reference = Reference.of(big.sampled.values().iterator().next());
        ProductRun.run(bootstrap, big, 1, run + "-large");
        double productStd = ProductRun.stdDevOf(bootstrap, ProductRun.outputTopic(run + "-large"), "0001");
        double sqlStd = SqlJob.run(bootstrap, big.topic, 1).lastStdDev();
        notes.add(String.format(Locale.ROOT, "std_dev of 20,000 values 1e9 + U(0, 1e-3): exact %.6e; product %.6e (relative error %.1e); "
                + "Flink SQL STDDEV_POP %.6e (relative error %.1e).", reference.stdDev(), productStd,
                Reference.error(productStd, reference.stdDev()), sqlStd, Reference.error(sqlStd, reference.stdDev())));
    }

    private double measure(String name, BenchData data, Callable<Long> work) throws Exception {
        log(name);
        long start = System.nanoTime();
        long produced = work.call();
        double secs = seconds(start);
        double rate = data.readings / secs;
        rows.add(new String[] {name, String.format(Locale.ROOT, "%.1f", secs), String.format(Locale.ROOT, "%,.0f", rate), "", Long.toString(produced)});
        log(String.format(Locale.ROOT, "  %.1f s, %,.0f readings/s", secs, rate));
        return rate;
    }

    private Path write() throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("| measurement | seconds | readings/s | × ceiling | results |\n|---|---:|---:|---:|---:|\n");
        for (String[] r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        md.append('\n');
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        String machine = String.format(Locale.ROOT, "%d cores, max heap %d MiB, Java %s (%s)", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), System.getProperty("java.vm.name"));
        String header = "# Benchmark run " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + "\n\n"
                + "Machine: " + machine + "  \nSizes: --readings " + options.readings + " --equipments " + options.equipments
                + " --partitions " + options.partitions + " --parallelism " + options.parallelism + "\n\n";
        System.out.println();
        System.out.println(md);
        Files.createDirectories(options.results);
        Path file = options.results.resolve("latest.md");
        Files.writeString(file, header + md);
        return file;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void log(String line) {
        System.out.println("[bench] " + line);
    }
}
