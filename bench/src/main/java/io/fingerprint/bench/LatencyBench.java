package io.fingerprint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 7. The whole pipeline as the launcher runs it (job on its embedded MiniCluster, generator,
 * saver, each its own JVM from its packaged jar, on the benchmark's broker): for every window, the
 * time from its end to its file on disk (when the saver announced it on its event stream, after the
 * fsync and the rename: {@link SavedEvents}), first at the generator's default rate, then, from a
 * window boundary on, at the high rate: its first window apart (a warm-up: the services' code runs at
 * that load for the first time), then the windows measured.
 */
final class LatencyBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAVED = Pattern.compile("([0-9a-f-]{36})_([0-9]+)_([0-9]+)\\.json");

    /** {@code saverMs}: per file, when the saver announced it saved minus when its fingerprint became visible in the topic (the saver's own share). */
    record Phase(int rate, int windows, int files, long[] latenciesMs, long[] saverMs, long readings, double seconds, long throttled,
                 Checkpoints.Summary checkpoints) {
        double percentileSeconds(double q) {
            return SaverBench.percentile(latenciesMs, q) / 1000.0;
        }

        long saverPercentileMs(double q) {
            return SaverBench.percentile(saverMs, q);
        }

        double achievedRate() {
            return readings / seconds;
        }

        long readingsPerFile() {
            return readings / Math.max(1, files);
        }
    }

    /** @param warmUp the first window at the high rate, not in {@code high}: the services' JIT compiles for the new load meanwhile */
    record Result(Phase normal, Phase warmUp, Phase high, int equipments, Duration checkpointInterval, long switchMs) {
    }

    private LatencyBench() {
    }

    static Result run(String bootstrap, BenchOptions o, String run) throws Exception {
        String data = "bench-latency-data-" + run;
        String fingerprints = "bench-latency-fingerprints-" + run;
        Artifacts.createTopics(bootstrap, Map.of(data, o.partitions, fingerprints, 1, "bench-latency-dlq-" + run, 1,
                "bench-latency-saver-dlq-" + run, 1));
        long windowMs = o.latencyWindow.toMillis();
        Duration checkpoint = o.latencyCheckpointInterval != null ? o.latencyCheckpointInterval
                : io.fingerprint.job.JobOptions.parse().checkpointInterval;
        Path output = Artifacts.tempDir("bench-latency-output-");
        Path checkpoints = Artifacts.tempDir("bench-latency-checkpoints-");
        Path logs = Artifacts.logDir(run);
        int uiPort = Jvm.freePort();
        int saverPort = Jvm.freePort();
        int generatorPort = Jvm.freePort();
        String generatorUrl = "http://localhost:" + generatorPort;
        List<Jvm> started = new ArrayList<>();
        VisibleFingerprints visible = VisibleFingerprints.watch(bootstrap, fingerprints);
        SavedEvents saved = null;
        Checkpoints checkpointStats = null;
        try {
            // as LocalPipeline starts them: job (1 GB), saver (2 GB, reading 512 MB ahead unless --latency-read-ahead), generator (512 MB), each once the one before is ready
            List<String> job = new ArrayList<>(List.of(Jvm.java(), "-Xmx1g", "-jar", Artifacts.jar(Artifacts.JOB).toString(), "--local",
                    "--bootstrap-servers", bootstrap, "--input-topic", data, "--output-topic", fingerprints,
                    "--dlq-topic", "bench-latency-dlq-" + run, "--group-id", "bench-latency-" + run,
                    "--transactional-id-prefix", "bench-latency-" + run, "--web-ui-port", Integer.toString(uiPort),
                    "--window-size", windowMs + "ms", "--out-of-orderness", o.latencyOutOfOrderness.toMillis() + "ms",
                    "--checkpoint-dir", checkpoints.toUri().toString()));
            if (o.latencyCheckpointInterval != null) {
                job.addAll(List.of("--checkpoint-interval", checkpoint.toMillis() + "ms"));
            }
            Jvm flink = start(started, "latency-job", job, Map.of(), logs);
            flink.awaitReady("http://localhost:" + uiPort + "/jobs/overview", body -> body.contains("\"state\":\"RUNNING\""), Duration.ofMinutes(3));
            checkpointStats = Checkpoints.follow("http://localhost:" + uiPort);

            Map<String, String> saverEnv = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                    "QUARKUS_HTTP_PORT", Integer.toString(saverPort), "SAVER_OUTPUT_DIR", output.toString(),
                    "SENSOR_DATA_TOPIC", data, "FINGERPRINT_TOPIC", fingerprints, "FINGERPRINT_DLQ_TOPIC", "bench-latency-saver-dlq-" + run,
                    "SAVER_GROUP_ID", "bench-latency-" + run, "SAVER_OUT_OF_ORDERNESS", o.latencyOutOfOrderness.toMillis() + "ms",
                    "SAVER_WINDOW_SIZE", windowMs + "ms", "SAVER_READ_AHEAD", o.latencyReadAhead));
            Jvm saver = start(started, "latency-saver", List.of(Jvm.java(), "-Xmx2g", "-jar", Artifacts.jar(Artifacts.SAVER).toString()),
                    saverEnv, logs);
            saver.awaitReady("http://localhost:" + saverPort + "/q/health/ready", body -> true, Duration.ofMinutes(2));
            saved = SavedEvents.watch("http://localhost:" + saverPort);

            // the generator's own default rate: GENERATOR_READINGS_PER_SECOND is left unset
            Jvm generator = start(started, "latency-generator", List.of(Jvm.java(), "-Xmx512m", "-jar", Artifacts.jar(Artifacts.GENERATOR).toString()),
                    Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "QUARKUS_HTTP_PORT", Integer.toString(generatorPort), "SENSOR_DATA_TOPIC", data),
                    logs);
            generator.awaitReady(generatorUrl + "/q/health/ready", body -> true, Duration.ofMinutes(2));
            JsonNode status = JSON.readTree(Jvm.Http.getOk(generatorUrl + "/generator"));
            int defaultRate = status.get("readings_per_second").asInt();
            int equipments = status.get("equipment_ids").size();

            long first = (System.currentTimeMillis() / windowMs + 1) * windowMs; // the first whole window
            long switchAt = first + o.latencyWindows * windowMs;
            long warmedAt = switchAt + windowMs;
            long end = warmedAt + o.latencyWindows * windowMs;
            sleepUntil(first);
            long throttled0 = throttled(generatorUrl);
            sleepUntil(switchAt);
            Jvm.Http.putJson(generatorUrl + "/generator/rate", "{\"readings_per_second\":" + o.latencyHighRate + "}");
            long switchMs = System.currentTimeMillis() - switchAt;
            long throttled1 = throttled(generatorUrl);
            sleepUntil(warmedAt);
            long throttled2 = throttled(generatorUrl);
            sleepUntil(end);
            long throttled3 = throttled(generatorUrl);

            int expected = (2 * o.latencyWindows + 1) * equipments;
            long deadline = end + o.latencyOutOfOrderness.toMillis() + checkpoint.toMillis() + 120_000;
            Map<Long, List<Path>> byWindow = files(output, first, end);
            SavedEvents announced = saved;
            // every file saved, announced, and its fingerprint seen by the watcher (which may read it after the saver did)
            while (byWindow.values().stream().mapToInt(List::size).sum() < expected
                    || byWindow.values().stream().flatMap(List::stream).map(LatencyBench::uuidOf)
                            .anyMatch(u -> announced.savedAt(u) == null || visible.visibleAt(u) == null)) {
                if (System.currentTimeMillis() > deadline) {
                    throw saver.failure("after " + (System.currentTimeMillis() - end) / 1000 + " s, " + byWindow.values().stream().mapToInt(List::size).sum()
                            + " of " + expected + " files of the windows measured are saved (each also announced and its fingerprint seen?)");
                }
                for (Jvm j : started) {
                    if (!j.isAlive()) {
                        throw j.failure(j.name + " exited");
                    }
                }
                Thread.sleep(200);
                byWindow = files(output, first, end);
            }
            Phase normal = phase(byWindow, visible, saved, first, switchAt, windowMs, defaultRate, o.latencyWindows, throttled1 - throttled0,
                    checkpointStats.between(first, switchAt));
            Phase warmUp = phase(byWindow, visible, saved, switchAt, warmedAt, windowMs, o.latencyHighRate, 1, throttled2 - throttled1,
                    checkpointStats.between(switchAt, warmedAt));
            Phase high = phase(byWindow, visible, saved, warmedAt, end, windowMs, o.latencyHighRate, o.latencyWindows, throttled3 - throttled2,
                    checkpointStats.between(warmedAt, end));
            return new Result(normal, warmUp, high, equipments, checkpoint, switchMs);
        } finally {
            visible.close();
            if (checkpointStats != null) {
                checkpointStats.close();
            }
            if (saved != null) {
                saved.close();
            }
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            Artifacts.deleteRecursively(output);
            Artifacts.deleteRecursively(checkpoints);
        }
    }

    private static Jvm start(List<Jvm> started, String name, List<String> command, Map<String, String> env, Path logs) {
        Jvm jvm = Jvm.start(name, command, env, logs, false);
        started.add(jvm);
        return jvm;
    }

    /** The saved files of windows starting in [from, to), by window start. */
    private static Map<Long, List<Path>> files(Path dir, long from, long to) throws Exception {
        Map<Long, List<Path>> files = new HashMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : stream) {
                Matcher m = SAVED.matcher(p.getFileName().toString());
                if (m.matches()) {
                    long start = Long.parseLong(m.group(2));
                    if (start >= from && start < to) {
                        files.computeIfAbsent(start, k -> new ArrayList<>()).add(p);
                    }
                }
            }
        }
        return files;
    }

    private static long throttled(String generatorUrl) throws Exception {
        return JSON.readTree(Jvm.Http.getOk(generatorUrl + "/generator")).get("throttled").asLong();
    }

    private static String uuidOf(Path file) {
        Matcher m = SAVED.matcher(file.getFileName().toString());
        return m.matches() ? m.group(1) : "";
    }

    private static Phase phase(Map<Long, List<Path>> byWindow, VisibleFingerprints visible, SavedEvents saved, long from, long to, long windowMs, int rate,
                               int windows, long throttled, Checkpoints.Summary checkpoints) throws Exception {
        List<Long> latencies = new ArrayList<>();
        List<Long> saverShares = new ArrayList<>();
        long readings = 0;
        for (long start = from; start < to; start += windowMs) {
            for (Path file : byWindow.getOrDefault(start, List.of())) {
                long[] tail = SaverBench.tail(file);
                if (tail[1] != 1 || tail[0] <= 0) {
                    throw new IllegalStateException(file.getFileName() + ": input_count " + tail[0] + (tail[1] == 1 ? "" : ", incomplete"));
                }
                readings += tail[0];
                Matcher m = SAVED.matcher(file.getFileName().toString());
                m.matches();
                long written = saved.savedAt(m.group(1));
                latencies.add(written - Long.parseLong(m.group(3)));
                Long visibleAt = visible.visibleAt(m.group(1));
                if (visibleAt == null) {
                    throw new IllegalStateException(file.getFileName() + " is saved but its fingerprint was never read from the topic");
                }
                saverShares.add(written - visibleAt);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] saver = saverShares.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Phase(rate, windows, sorted.length, sorted, saver, readings, (to - from) / 1000.0, throttled, checkpoints);
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }
}
