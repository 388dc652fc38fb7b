package io.fingerprint.bench;

import io.fingerprint.formats.fingerprint.ExactStatistics;
import io.fingerprint.formats.fingerprint.SensorSummary;
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
 * One run, every measurement against its own real broker, reported in one table, as rates and as
 * ratios (the machine is shared and noisy: ratios of one run travel better than absolute figures):
 * 1-4 (and 1b) over the same preloaded topic, 5 the generator beside Kafka's ProducerPerformance, 6 the
 * saver (join and save, start-up with 100 000 files, queries), 7 window end to file on disk
 * through the whole pipeline, 8 each service as its jar beside its native executable (a table of its
 * own). Prints the tables and writes a Markdown copy to the results folder.
 */
public final class Benchmark {

    /** One line of the table. */
    record Row(String measurement, String seconds, String figure, String ratio, String checked) {
    }

    private final BenchOptions options;
    private final List<Row> rows = new ArrayList<>();
    /** 8: its own table, a row per service and mode. */
    private final List<List<String>> serviceRows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final List<String> timings = new ArrayList<>();

    Benchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.usage());
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(BenchOptions.usage());
            return;
        }
        Path report = new Benchmark(options).run();
        System.out.println("Markdown copy: " + report);
        System.exit(0);
    }

    /** Runs every measurement; returns the Markdown report written. */
    Path run() throws Exception {
        long runStart = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (KafkaLocal kafka = KafkaLocal.builder().maxHeap("2g").start()) {
            String bootstrap = kafka.bootstrapServers();
            BenchData data = null;
            String productOutput = null;
            if (options.runs(1) || options.runs(2) || options.runs(3) || options.runs(4) || options.runs(6) || options.runs(8)) {
                log("loading " + options.readings + " readings into " + options.partitions + " partitions");
                long loadStart = System.nanoTime();
                data = BenchData.load(bootstrap, "bench-sensor-data-" + run, options);
                double loadSeconds = seconds(loadStart);
                timing("load readings", loadStart);
                notes.add(String.format(Locale.ROOT, "1-4, 6, 8: %,d readings loaded (%,d equipments, %.0f bytes each on average, %,d fingerprints expected) in %.1f s.",
                        data.readings, options.equipments, (double) data.payloadBytes / data.readings, data.expectedFingerprints(), loadSeconds));
            }
            jobs(bootstrap, data, run);
            if ((options.runs(6) || options.runs(8)) && !options.runs(2)) {
                log("2. product job (unmeasured: its fingerprints are the saver's input)");
                ProductRun.run(bootstrap, data, options.parallelism, run);
            }
            if (data != null) {
                productOutput = ProductRun.outputTopic(run);
            }
            if (options.runs(5)) {
                generator(bootstrap, run);
            }
            if (options.runs(6)) {
                saver(bootstrap, data, productOutput, run);
            }
            if (options.runs(7)) {
                latency(bootstrap, run);
            }
            if (options.runs(8)) {
                services(bootstrap, data, productOutput, run);
            }
        }
        timings.add(String.format(Locale.ROOT, "whole run %.0f s", seconds(runStart)));
        return write();
    }

    /** 7: what the job's checkpoints cost during a phase. */
    private static String checkpoints(Checkpoints.Summary c) {
        return fmt("%d checkpoints: each uploaded p50 %s, max %s (full state up to %s) and took p50 %,d ms, p99 %,d ms, max %,d ms",
                c.count(), mb(c.checkpointedP50()), mb(c.checkpointedMax()), mb(c.stateMax()), c.durationP50(), c.durationP99(), c.durationMax());
    }

    private static String mb(long bytes) {
        return fmt("%.1f MB", bytes / 1e6);
    }

    /** 1-4 and the std_dev accuracy check. */
    private void jobs(String bootstrap, BenchData data, String run) throws Exception {
        Double ceiling = null;
        Double product = null;
        Double plain = null;
        Double sql = null;
        if (options.runs(1)) {
            ceiling = measure("1. Ceiling: " + options.partitions + " KafkaConsumer threads + Jackson streaming parse", data,
                    () -> Ceiling.readAndParse(bootstrap, data, options.partitions), "values parsed");
        }
        if (options.runs(1)) {
            measure("1b. Flink source alone: the product job's Kafka source and parse, parallelism " + options.parallelism
                    + ", into a sink that counts", data, () -> {
                        long counted = SourceAlone.run(bootstrap, data, options.parallelism, run);
                        if (counted != data.readings) {
                            throw new IllegalStateException("the source alone emitted " + counted + " of " + data.readings + " readings");
                        }
                        return counted;
                    }, "records counted");
            notes.add("1b: what Flink's Kafka source costs before any job logic: the product's source and deserializer (the same parser as"
                    + " 1) with no watermarks, batching, shuffle, window, state or transaction after it; checkpoints as 3 and 4. No job"
                    + " that reads this topic through Flink's KafkaSource here is faster than this.");
        }
        if (options.runs(2)) {
            String name = "2. Product job (Flink, parallelism " + options.parallelism + ", exactly-once, checkpoints)";
            log(name);
            long start = System.nanoTime();
            ProductRun.Result r;
            try (MemoryWatch memory = MemoryWatch.start()) {
                r = ProductRun.run(bootstrap, data, options.parallelism, run);
                notes.add("2: memory of the benchmark JVM, in which the job's MiniCluster runs (what was in use before: the"
                        + " preloaded reference); the window state lives in RocksDB, off the heap: " + memory.describe() + ".");
            }
            // timed: the job from cluster start to finish, as 3 and 4; its output check comes after, untimed
            product = record(name, data, r.jobSeconds(), r.fingerprints(), "fingerprints = reference", start);
        }
        if (options.runs(3)) {
            plain = measure("3. Plain Flink job (JsonNode, keyBy equipment+sensor, sort per window)", data,
                    () -> PlainJob.run(bootstrap, data, options.parallelism), "results");
        }
        if (options.runs(4)) {
            sql = measure("4. Flink SQL (TUMBLE, UNNEST, PERCENTILE, STDDEV_POP)", data,
                    () -> SqlJob.run(bootstrap, data.topic, options.parallelism).rows(), "rows");
        }
        if (ceiling != null) {
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                double rate = Double.parseDouble(r.figure().replaceAll("[^0-9.]", ""));
                rows.set(i, new Row(r.measurement(), r.seconds(), r.figure(), fmt("%.2f× ceiling", rate / ceiling), r.checked()));
            }
        }
        if (product != null) {
            if (ceiling != null) {
                target("product job ≥ 0.8× the ceiling", fmt("%.2f×", product / ceiling), product / ceiling >= 0.8);
            }
            if (plain != null) {
                target("product job ≥ 3× the plain job", fmt("%.2f×", product / plain), product / plain >= 3);
            }
            if (sql != null) {
                target("product job faster than Flink SQL", fmt("%.2f×", product / sql), product > sql);
            }
            notes.add("2: product job output checked: every (equipment, window) exactly once, every per-sensor count equal to the reference,"
                    + " every value of the sampled windows equal to an exact (BigDecimal) reference.");
        }
        if (options.runs(2) && options.runs(4)) {
            long start = System.nanoTime();
            accuracy(bootstrap, run);
            timing("std_dev accuracy check", start);
        }
    }

    private void accuracy(String bootstrap, String run) throws Exception {
        BenchData big = BenchData.loadLargeMagnitudes(bootstrap, "bench-large-" + run, 20_000);
        SensorSummary reference = ExactStatistics.of("0001", big.sampled.values().iterator().next().stream().mapToDouble(Double::doubleValue).toArray());
        ProductRun.run(bootstrap, big, 1, run + "-large");
        double productStd = ProductRun.stdDevOf(bootstrap, ProductRun.outputTopic(run + "-large"), "0001");
        double sqlStd = SqlJob.run(bootstrap, big.topic, 1).lastStdDev();
        notes.add(String.format(Locale.ROOT, "std_dev of 20,000 values 1e9 + U(0, 1e-3): exact %.6e; product %.6e (relative error %.1e); "
                + "Flink SQL STDDEV_POP %.6e (relative error %.1e).", reference.stdDev, productStd,
                ExactStatistics.relativeError(productStd, reference.stdDev), sqlStd, ExactStatistics.relativeError(sqlStd, reference.stdDev)));
    }

    private double measure(String name, BenchData data, Callable<Long> work, String what) throws Exception {
        log(name);
        long start = System.nanoTime();
        long produced = work.call();
        return record(name, data, seconds(start), produced, what, start);
    }

    private double record(String name, BenchData data, double secs, long produced, String what, long start) {
        double rate = data.readings / secs;
        rows.add(new Row(name, fmt("%.1f", secs), fmt("%,.0f readings/s", rate), "", fmt("%,d %s", produced, what)));
        timing(name.substring(0, name.indexOf(' ', 3)), start);
        log(String.format(Locale.ROOT, "  %.1f s, %,.0f readings/s", secs, rate));
        return rate;
    }

    /** 5. */
    private void generator(String bootstrap, String run) throws Exception {
        log("5. generator at a REST rate of " + options.generatorRate + "/s, then Kafka's ProducerPerformance");
        long start = System.nanoTime();
        GeneratorBench.Result r = GeneratorBench.run(bootstrap, options, run);
        timing("5. generator + ProducerPerformance", start);
        double ratio = r.generatorRate() / r.perfRate();
        rows.add(new Row(fmt("5a. Generator: PUT /generator/rate %,d, Emitter → Kafka, steady interval", options.generatorRate),
                fmt("%.1f", r.intervalSeconds()), fmt("%,.0f readings/s", r.generatorRate()), fmt("%.2f× ProducerPerformance", ratio),
                fmt("all %,d sent are in the topic; %,d throttled in the interval", r.sent(), r.throttledInInterval())));
        rows.add(new Row(fmt("5b. Kafka ProducerPerformance 4.1.1: %,d records of %d bytes, the generator's producer settings", r.perfRecords(), r.recordSize()),
                fmt("%.1f", r.perfSeconds()), fmt("%,.0f records/s", r.perfRate()), "1.00",
                fmt("all %,d in the topic", r.perfInTopic())));
        target("generator ≥ 0.5× ProducerPerformance (issue 17)", fmt("%.2f× (%,.0f vs %,.0f records/s)", ratio, r.generatorRate(), r.perfRate()), ratio >= 0.5);
        notes.add(fmt("5: generator: %,d readings acknowledged in %.1f s after %d s at the new rate (GET /generator `sent` before and after);"
                        + " records of %.1f value bytes (+ %.1f key bytes) on average over %,d of them; topics of %d partitions on the same broker."
                        + " ProducerPerformance (child JVM, Kafka 4.1.1 jars, null keys, random payload of that size): steady %,.0f records/s"
                        + " (its 5 s windows after the first), %,.0f records/s over its whole run (start included). Settings copied from the"
                        + " generator's logged ProducerConfig: %s.",
                r.sentInInterval(), r.intervalSeconds(), options.generatorWarmup.toSeconds(), r.avgValueBytes(), r.avgKeyBytes(),
                r.sizeSample(), options.partitions, r.perfRate(), r.perfTotalRate(), r.settings()));
    }

    /** 6. */
    private void saver(String bootstrap, BenchData data, String productOutput, String run) throws Exception {
        log("6a. saver: join and save the fingerprints of the first " + options.saverWindows + " windows");
        long start = System.nanoTime();
        SaverBench.JoinResult j = SaverBench.joinAndSave(bootstrap, data, productOutput, options.saverWindows, run);
        timing("6a. saver join", start);
        double readingsRate = j.readings() / j.seconds();
        rows.add(new Row(fmt("6a. Saver: join and save %,d fingerprints (2's output, first %d windows) with their readings from the preloaded topic",
                        j.files(), j.windows()),
                fmt("%.1f", j.seconds()), fmt("%,.0f readings/s, %,.1f files/s", readingsRate, j.files() / j.seconds()),
                fmt("peak heap %,d MB, after GC ≤ %,d MB (-Xmx2g)", j.peakHeapMb(), j.maxAfterGcMb()),
                fmt("%,d files, each complete, input_count = reference (%,d readings)", j.files(), j.readings())));
        boolean bounded = j.maxAfterGcMb() < 1024;
        target("saver keeps up with ≥ 50 000 readings/s, bounded heap", fmt("%,.0f readings/s; heap after GC ≤ %,d MB of 2,048", readingsRate,
                j.maxAfterGcMb()), readingsRate >= 50_000 && bounded);
        notes.add(fmt("6a: timed from putting the fingerprints into a fresh topic (the saver ready and idle) to the newest file's mtime."
                        + " Heap from the saver's GC log (-Xlog:gc, %s): %d GCs, peak %,d MB before a GC, at most %,d MB after one, at most %,d MB"
                        + " committed; %,d MB in use at the end (/q/metrics jvm_memory_used_bytes). \"Bounded\" is read as: the heap after GC"
                        + " stays under half of -Xmx. The saver's gauges, sampled every 250 ms, peaked at %s.",
                j.gcLog(), j.gcs(), j.peakHeapMb(), j.maxAfterGcMb(), j.maxCommittedMb(), j.heapAtEndMb(),
                SaverBench.GAUGES.stream().map(g -> fmt("%s %,.0f", g, j.gaugeMax().getOrDefault(g, Double.NaN))).toList()));

        log("6b. saver: start with " + options.saverFiles + " saved files, then " + options.saverQueries + " queries per endpoint");
        start = System.nanoTime();
        SaverBench.StartResult s = SaverBench.startAndQuery(bootstrap, data.topic, options.saverFiles, options.saverQueries, run);
        timing("6b. saver files, start, queries", start);
        rows.add(new Row(fmt("6b. Saver: process start to readiness UP with %,d saved files", s.files()), fmt("%.1f", s.readySeconds()),
                fmt("index built in %,d ms", s.indexMs()), "", fmt("%,d files indexed", s.files())));
        rows.add(latencyRow("6c. Saver: GET /fingerprints?equip_id&from&to&limit=50 (warm, one at a time)", s.list(), "items"));
        rows.add(latencyRow("6d. Saver: GET /fingerprints/{uuid} (a ~9 KB file; warm, one at a time)", s.detail(), "the document"));
        notes.add(fmt("6b-d: files of 60 readings each (one minute at the default rate), 5 equipments, written in the saver's layout before"
                        + " the start; readiness polled every 20 ms; %,d warm-up requests per endpoint before the %,d timed ones (one HTTP/1.1"
                        + " connection, no think time); every answer checked (200, items / the document). Max: list %.1f ms, detail %.1f ms."
                        + " Writing the files took %.0f s, the %,d requests %.0f s.",
                s.warmup(), s.list().requests(), s.list().maxMs(), s.detail().maxMs(), s.writeSeconds(), 4 * s.list().requests(), s.querySeconds()));
    }

    private static Row latencyRow(String name, SaverBench.Latency l, String what) {
        return new Row(name, "", fmt("p50 %.2f ms, p99 %.2f ms", l.p50Ms(), l.p99Ms()), "", fmt("%,d requests, each 200 with %s", l.requests(), what));
    }

    /** 7. */
    private void latency(String bootstrap, String run) throws Exception {
        log(fmt("7. latency, window end to file: %d windows of %d s at the default rate, then %d at %,d readings/s",
                options.latencyWindows, options.latencyWindow.toSeconds(), options.latencyWindows, options.latencyHighRate));
        long start = System.nanoTime();
        LatencyBench.Result r = LatencyBench.run(bootstrap, options, run);
        timing("7. latency (pipeline start included)", start);
        double limit = options.latencyOutOfOrderness.toMillis() / 1000.0 + 2;
        for (LatencyBench.Phase p : List.of(r.normal(), r.high())) {
            String label = p == r.normal() ? "7a" : "7b";
            String warmUp = p == r.normal() ? "" : fmt("; its first window at this rate before them, not counted (a warm-up): window end → file"
                    + " %.1f s, saver's share max %,d ms", r.warmUp().percentileSeconds(1), r.warmUp().saverPercentileMs(1));
            rows.add(new Row(fmt("%s. Window end → file on disk, generator at %,d readings/s (%d × %d s windows, out-of-orderness %d s,"
                            + " checkpoints every %s)", label, p.rate(), p.windows(), options.latencyWindow.toSeconds(),
                            options.latencyOutOfOrderness.toSeconds(), human(r.checkpointInterval())),
                    "", fmt("p50 %.1f s, p99 %.1f s", p.percentileSeconds(0.5), p.percentileSeconds(0.99)),
                    fmt("%.2f× the %.0f s target", p.percentileSeconds(0.99) / limit, limit),
                    fmt("%d files, each complete, readings per file: %,d on average; %,.0f readings/s in them (%,d throttled); the saver's own share"
                            + " (fingerprint visible in the topic → file on disk): p50 %,d ms, p99 %,d ms; %s%s", p.files(),
                            p.readingsPerFile(), p.achievedRate(), p.throttled(),
                            p.saverPercentileMs(0.5), p.saverPercentileMs(0.99), checkpoints(p.checkpoints()), warmUp)));
            target(fmt("window end to file p99 ≤ out-of-orderness + 2 s, %,d readings/s", p.rate()),
                    fmt("p99 %.1f s (p50 %.1f s, %d windows of %d s × %d equipments) vs %.0f s", p.percentileSeconds(0.99),
                            p.percentileSeconds(0.5), p.windows(), options.latencyWindow.toSeconds(), r.equipments(), limit),
                    p.percentileSeconds(0.99) <= limit);
        }
        target(fmt("the saver's own share p99 < 200 ms, %,d readings/s (issue 16)", r.high().rate()),
                fmt("p99 %,d ms (p50 %,d ms; files of %,d readings, %d s windows; warm-up window max %,d ms)",
                        r.high().saverPercentileMs(0.99), r.high().saverPercentileMs(0.5), r.high().readingsPerFile(),
                        options.latencyWindow.toSeconds(), r.warmUp().saverPercentileMs(1)), r.high().saverPercentileMs(0.99) < 200);
        notes.add(fmt("7: job (MiniCluster, exactly-once, checkpoints every %s: the product's default unless"
                        + " --latency-checkpoint-interval), saver and generator started"
                        + " as the launcher starts them, on the benchmark's broker; %d s windows instead of 1 min to keep the run short (window end"
                        + " → file is mostly the out-of-orderness, but the saver's share grows with the readings per file: window × rate"
                        + " ÷ equipments, so 5 × as many with 1 min windows; see BENCHMARKS.md), out-of-orderness %d s and idle timeout as the product's defaults."
                        + " Latency = when the saver announced the file on its SSE stream (after fsync, rename and the folder's fsync:"
                        + " durable and served) − end_ms; the saver's own share ends there too, and starts when a read_committed"
                        + " consumer of the topic (fetch.max.wait.ms 10) first read the fingerprint;"
                        + " nearest-rank percentiles of every fingerprint of the whole windows at each rate. The fingerprints of one"
                        + " window become visible with the same checkpoint, so their latencies move together: the independent samples"
                        + " are the windows, and p99 is their maximum. Rate switched by PUT /generator/rate at a window boundary (+%d ms);"
                        + " the first window at the high rate is a warm-up, shown apart in 7b's notes: the services' code (JIT) meets"
                        + " that load for the first time there.",
                human(r.checkpointInterval()), options.latencyWindow.toSeconds(), options.latencyOutOfOrderness.toSeconds(), r.switchMs()));
    }

    /** 8. */
    private void services(String bootstrap, BenchData data, String productOutput, String run) throws Exception {
        log(fmt("8. services, JVM and native: start, RSS idle and at %,d readings/s, generator at %,d/s, saver join", options.servicesRate,
                options.generatorRate));
        long start = System.nanoTime();
        Packaged generatorNative = options.servicesNative ? Packaged.nativeOf("generator-service") : null;
        Packaged saverNative = options.servicesNative ? Packaged.nativeOf("saver-service") : null;
        String absent = options.servicesNative ? Packaged.NOT_BUILT : "not run (--services-modes jvm)";
        String builds = nativeBuilds(generatorNative, saverNative); // before: a build elsewhere may replace a jar meanwhile

        log("8a. generator, JVM");
        ServicesBench.GeneratorFigures gj = ServicesBench.generator(Packaged.jvm("generator-service"), bootstrap, options, run);
        serviceRows.add(generatorRow("8a", gj, null));
        if (generatorNative != null) {
            log("8b. generator, native");
            serviceRows.add(generatorRow("8b", ServicesBench.generator(generatorNative, bootstrap, options, run), gj));
        } else {
            serviceRows.add(List.of("8b. generator, native", absent, "", "", "", "", ""));
        }

        SaverBench.Fingerprints stream = SaverBench.firstWindows(bootstrap, data, productOutput, Integer.MAX_VALUE);
        SaverBench.Fingerprints join = SaverBench.firstWindows(bootstrap, data, productOutput, options.saverWindows);
        log("8c. saver, JVM");
        ServicesBench.SaverFigures sj = ServicesBench.saver(Packaged.jvm("saver-service"), bootstrap, data, stream, join, options, run);
        serviceRows.add(saverRow("8c", sj, null));
        if (saverNative != null) {
            log("8d. saver, native");
            serviceRows.add(saverRow("8d", ServicesBench.saver(saverNative, bootstrap, data, stream, join, options, run), sj));
        } else {
            serviceRows.add(List.of("8d. saver, native", absent, "", "", "", "", ""));
        }
        timing("8. services, JVM and native", start);
        notes.add(fmt("8: each service started twice with the same options and environment, one after the other on the same broker: its jar on"
                        + " this JVM (`java -Xmx… -jar quarkus-run.jar`) and its native executable (`*-runner -Xmx…`)%s."
                        + " Start → ready: process start to the first 200 UP of /q/health/ready (polled every 20 ms). RSS: VmRSS of"
                        + " /proc/PID/status; idle once the generator's counters stand still at rate 0 / the saver's gauges show nothing"
                        + " waiting or queued; \"at %,d readings/s\": the largest of samples every 250 ms, for the generator over %d s warm-up +"
                        + " %d s at PUT rate %,d (the rate it reached beside it), for the saver while the preloaded readings were copied into"
                        + " its sensor topic at that rate for %d s (partition and timestamp kept; the product's fingerprints put in as each"
                        + " window passed end + 10 s). Highest sustained rate: as 5a (PUT %,d, %d s warm-up, %d s counted). Join"
                        + " throughput: as 6a (the first %d windows' fingerprints, a saver of its own), with its peak RSS.",
                builds, options.servicesRate, options.generatorWarmup.toSeconds(),
                options.servicesInterval.toSeconds(), options.servicesRate, options.servicesInterval.toSeconds(), options.generatorRate,
                options.generatorWarmup.toSeconds(), options.generatorInterval.toSeconds(), options.saverWindows));
    }

    private static List<String> generatorRow(String label, ServicesBench.GeneratorFigures f, ServicesBench.GeneratorFigures jvm) {
        return List.of(label + ". generator, " + f.generator().mode() + " (-Xmx512m)",
                fmt("%.2f", f.readySeconds()) + versus(f.readySeconds(), jvm == null ? 0 : jvm.readySeconds()),
                fmt("%,d", f.idleRssMb()) + versus(f.idleRssMb(), jvm == null ? 0 : jvm.idleRssMb()),
                fmt("%,d", f.loadedRssMb()) + versus(f.loadedRssMb(), jvm == null ? 0 : jvm.loadedRssMb()) + fmt(", %,.0f/s reached", f.loaded().rate()),
                fmt("%,.0f readings/s", f.highest().rate()) + versus(f.highest().rate(), jvm == null ? 0 : jvm.highest().rate()),
                "",
                fmt("all %,d sent are in the topic; %,d throttled at the highest rate", f.sent(), f.highest().throttled()));
    }

    private static List<String> saverRow(String label, ServicesBench.SaverFigures f, ServicesBench.SaverFigures jvm) {
        SaverBench.JoinResult j = f.join();
        double joinRate = j.readings() / j.seconds();
        return List.of(label + ". saver, " + f.saver().mode() + " (-Xmx" + SaverBench.SAVER_HEAP + ")",
                fmt("%.2f", f.readySeconds()) + versus(f.readySeconds(), jvm == null ? 0 : jvm.readySeconds()),
                fmt("%,d", f.idleRssMb()) + versus(f.idleRssMb(), jvm == null ? 0 : jvm.idleRssMb()),
                fmt("%,d", f.loadedRssMb()) + versus(f.loadedRssMb(), jvm == null ? 0 : jvm.loadedRssMb()) + fmt(", %,.0f/s streamed", f.replay().rate()),
                "",
                fmt("%,.0f readings/s", joinRate) + versus(joinRate, jvm == null ? 0 : jvm.join().readings() / jvm.join().seconds())
                        + fmt(", %,.1f files/s; peak RSS %,d MB", j.files() / j.seconds(), j.peakRssMb())
                        + versus(j.peakRssMb(), jvm == null ? 0 : jvm.join().peakRssMb()),
                fmt("streamed: %,d files complete, input_count = reference; join: %,d files (%,d readings), the same check",
                        f.saved().files(), j.files(), j.readings()));
    }

    /** " (0.42× JVM)" on a native row. */
    private static String versus(double value, double jvm) {
        return jvm == 0 ? "" : fmt(" (%.2f× JVM)", value / jvm);
    }

    /** When the native executables were built: they can be older than the jars measured beside them. */
    private static String nativeBuilds(Packaged... natives) {
        List<String> built = new ArrayList<>();
        for (Packaged p : natives) {
            if (p != null) {
                try {
                    built.add(fmt("%s built %s, jar %s", Artifacts.root().relativize(p.nativeExecutable()),
                            Files.getLastModifiedTime(p.nativeExecutable()).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                            Files.getLastModifiedTime(Artifacts.root().resolve(p.module()).resolve("target/quarkus-app/quarkus-run.jar"))
                                    .toInstant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)));
                } catch (java.io.IOException e) {
                    built.add(p.nativeExecutable() + ": " + e.getMessage());
                }
            }
        }
        return built.isEmpty() ? "" : " (" + String.join("; ", built) + ")";
    }

    private void target(String target, String figure, boolean met) {
        targets.add("| " + target + " | " + figure + " | " + (met ? "met" : "missed") + " |");
    }

    private void timing(String what, long startNanos) {
        timings.add(fmt("%s %.0f s", what, seconds(startNanos)));
    }

    private Path write() throws Exception {
        StringBuilder md = new StringBuilder();
        if (!rows.isEmpty()) {
            md.append("| measurement | seconds | figure | ratio | checked |\n|---|---:|---:|---:|---|\n");
            for (Row r : rows) {
                md.append("| ").append(String.join(" | ", r.measurement(), r.seconds(), r.figure(), r.ratio(), r.checked())).append(" |\n");
            }
            md.append('\n');
        }
        if (!serviceRows.isEmpty()) {
            md.append("| 8. service, mode | start → ready (s) | RSS idle (MB) | RSS at ").append(fmt("%,d", options.servicesRate))
                    .append(" readings/s (MB) | highest sustained rate | join throughput | checked |\n|---|---:|---:|---:|---:|---:|---|\n");
            serviceRows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
            md.append('\n');
        }
        if (!targets.isEmpty()) {
            md.append("| target | figure | |\n|---|---|---|\n");
            targets.forEach(t -> md.append(t).append('\n'));
            md.append('\n');
        }
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        md.append("- Time: ").append(String.join("; ", timings)).append(".\n");
        String machine = String.format(Locale.ROOT, "%d cores, max heap %d MiB, Java %s (%s)", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), System.getProperty("java.vm.name"));
        String header = "# Benchmark run " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + "\n\n"
                + "Machine: " + machine + "  \nCode: " + revision() + "  \nSizes: " + options.describe() + "\n\n";
        System.out.println();
        System.out.println(md);
        Files.createDirectories(options.results);
        Path file = options.results.resolve("latest.md");
        Files.writeString(file, header + md);
        return file;
    }

    static String human(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** The commit measured, and whether the working tree differed from it (other work in progress is measured too). */
    private static String revision() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").directory(Artifacts.root().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? out : "unknown (" + out + ")";
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void log(String line) {
        System.out.println("[bench] " + line);
    }
}
