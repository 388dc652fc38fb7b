package io.fingerprint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * 6. The packaged saver. (a) Join and save: the product job's fingerprints of the first windows of
 * the preloaded readings (measurement 2's output) are put into a fresh fingerprint topic while the
 * saver, ready and idle, reads it and the preloaded readings topic; timed to the last file on
 * disk, each file checked against the reference (input_count, complete); peak heap from its GC log.
 * (b) With 100 000 saved files in its folder: process start to readiness UP, then the query
 * latency of its list and detail endpoints, warm, one request at a time.
 */
final class SaverBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAVED = Pattern.compile("([0-9a-f-]{36})_([0-9]+)_([0-9]+)\\.json");
    private static final Pattern TAIL = Pattern.compile("\"input_count\":([0-9]+),\"complete\":(true|false)}\\s*$");
    /** -Xlog:gc with the timemillis decorator: "[1764083272123ms] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 25M->5M(256M) 3.2ms". */
    private static final Pattern GC = Pattern.compile("^\\[(\\d+)ms\\].*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern INDEXED = Pattern.compile("Indexed (\\d+) saved fingerprints in .* \\((\\d+) ms");
    static final String SAVER_HEAP = "2g"; // as the launcher starts it

    record JoinResult(int files, long readings, double seconds, long peakHeapMb, long maxAfterGcMb, long maxCommittedMb,
                      long heapAtEndMb, int gcs, int windows, String gcLog, Map<String, Double> gaugeMax,
                      long peakRssMb) {
    }

    /** The saver's own gauges, sampled while it works: what holds its heap. */
    static final List<String> GAUGES = List.of("saver_writer_queued", "saver_buffer_records", "saver_fingerprints_waiting");

    record StartResult(int files, double readySeconds, long indexMs, Latency list, Latency detail, int warmup, double writeSeconds,
                       double querySeconds) {
    }

    record Latency(int requests, double p50Ms, double p99Ms, double maxMs) {
    }

    private SaverBench() {
    }

    /** Fingerprints of the product's output to put into a saver's fingerprint topic, each with its end_ms, and what their files must say. */
    record Fingerprints(List<ConsumerRecord<byte[], byte[]>> records, List<Long> ends, List<String> uuids, Map<String, String> expected,
                        int windows) {
    }

    /** The product's fingerprints of the first {@code windows} windows (every window: Integer.MAX_VALUE). */
    static Fingerprints firstWindows(String bootstrap, BenchData data, String productOutput, int windows) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> fingerprints = readAll(bootstrap, productOutput, data.expectedFingerprints());
        TreeSet<Long> starts = new TreeSet<>();
        Map<ConsumerRecord<byte[], byte[]>, JsonNode> parsed = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : fingerprints) {
            JsonNode f = JSON.readTree(r.value()).get("fingerprint");
            parsed.put(r, f);
            starts.add(f.get("start_ms").asLong());
        }
        List<Long> chosen = new ArrayList<>(starts).subList(0, Math.min(windows, starts.size()));
        long lastStart = chosen.get(chosen.size() - 1);
        List<ConsumerRecord<byte[], byte[]>> selected = new ArrayList<>();
        Map<String, String> expected = new HashMap<>(); // uuid -> "equip:start"
        for (ConsumerRecord<byte[], byte[]> r : fingerprints) {
            JsonNode f = parsed.get(r);
            if (f.get("start_ms").asLong() <= lastStart) {
                selected.add(r);
                expected.put(f.get("uuid").asText(), f.get("equip_id").asText() + ":" + f.get("start_ms").asLong());
            }
        }
        List<Long> ends = selected.stream().map(r -> parsed.get(r).get("end_ms").asLong()).toList();
        List<String> uuids = selected.stream().map(r -> parsed.get(r).get("uuid").asText()).toList();
        return new Fingerprints(selected, ends, uuids, expected, chosen.size());
    }

    /** (a): the fingerprints of the first {@code windows} windows of the product's output, joined and saved by the JVM saver. */
    static JoinResult joinAndSave(String bootstrap, BenchData data, String productOutput, int windows, String run) throws Exception {
        return joinAndSave(Packaged.jvm("saver-service"), "saver-join", bootstrap, data, firstWindows(bootstrap, data, productOutput, windows), run);
    }

    /** (a) with {@code saver} (jar or native executable); {@code name} names its log, topics and consumer group. */
    static JoinResult joinAndSave(Packaged saver, String name, String bootstrap, BenchData data, Fingerprints selection, String run)
            throws Exception {
        String fpTopic = "bench-" + name + "-fingerprints-" + run;
        Artifacts.createTopics(bootstrap, Map.of(fpTopic, 1, dlqTopic(name, run), 1));
        Path output = Artifacts.tempDir("bench-saver-join-");
        // the GC log gives the heap figures; a native executable has no -Xlog (its heap is not reported)
        Path gcLog = saver.isNative() ? null : Artifacts.logDir(run).resolve(name + "-gc.log");
        List<String> command = gcLog == null ? saver.command("-Xmx" + SAVER_HEAP)
                : saver.command("-Xmx" + SAVER_HEAP, "-Xlog:gc:file=" + gcLog + ":timemillis");
        int port = Jvm.freePort();
        String url = "http://localhost:" + port;
        try (Jvm process = Jvm.start(name, command, saverEnv(bootstrap, port, output, data.topic, fpTopic, run, name), Artifacts.logDir(run), false)) {
            process.awaitReady(url + "/q/health/ready", body -> true, Duration.ofMinutes(2));
            Map<String, Double> gaugeMax = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicBoolean sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    try {
                        gauges(url).forEach((k, v) -> gaugeMax.merge(k, v, Math::max));
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // a missed sample
                    }
                }
            }, "saver-gauges");
            sampler.setDaemon(true);
            sampler.start();
            long t0 = System.currentTimeMillis();
            Saved saved;
            long peakRss;
            try (Rss.Peak rss = new Rss.Peak(process.pid())) {
                try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                    for (ConsumerRecord<byte[], byte[]> r : selection.records()) {
                        producer.send(new ProducerRecord<>(fpTopic, null, r.timestamp(), r.key(), r.value()));
                    }
                    producer.flush();
                }
                awaitFiles(process, output, selection.records().size(), Duration.ofMinutes(10));
                peakRss = rss.maxMb();
            }
            sampling.set(false);
            sampler.join();
            long heapAtEnd = heapUsedMb(url);
            saved = check(output, selection.expected(), data);
            long[] gc = gcLog == null ? new long[4] : gcPeaks(gcLog, saved.lastMtime());
            return new JoinResult(saved.files(), saved.readings(), (saved.lastMtime() - t0) / 1000.0, gc[0], gc[1], gc[2], heapAtEnd, (int) gc[3],
                    selection.windows(), gcLog == null ? null : Artifacts.root().relativize(gcLog).toString(), gaugeMax, peakRss);
        } finally {
            Artifacts.deleteRecursively(output);
        }
    }

    /** Waits until {@code count} files are in {@code output}; fails when the saver exits or the deadline passes. */
    static void awaitFiles(Jvm saver, Path output, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (savedFiles(output).size() < count) {
            if (System.nanoTime() > deadline || !saver.isAlive()) {
                throw saver.failure("the saver wrote " + savedFiles(output).size() + " of " + count + " files");
            }
            Thread.sleep(100);
        }
    }

    /** The saved files: how many, their readings, the newest mtime. */
    record Saved(int files, long readings, long lastMtime) {
    }

    /** Every file in {@code output} is one of {@code expected} (uuid → "equip:start"), complete, with the reference's input_count. */
    static Saved check(Path output, Map<String, String> expected, BenchData data) throws IOException {
        List<Path> files = savedFiles(output);
        long t1 = 0;
        long readings = 0;
        for (Path file : files) {
            Matcher name = SAVED.matcher(file.getFileName().toString());
            if (!name.matches() || !expected.containsKey(name.group(1))) {
                throw new IllegalStateException("unexpected file " + file);
            }
            String key = expected.get(name.group(1));
            if (!key.endsWith(":" + name.group(2))) {
                throw new IllegalStateException(file + " is not the window of " + key);
            }
            long[] tail = tail(file);
            long reference = data.readingsPerWindow.getOrDefault(key, 0L);
            if (tail[1] != 1 || tail[0] != reference) {
                throw new IllegalStateException(file.getFileName() + ": input_count " + tail[0] + (tail[1] == 1 ? " complete" : " incomplete")
                        + ", reference " + reference + " readings");
            }
            readings += tail[0];
            t1 = Math.max(t1, Files.getLastModifiedTime(file).toMillis());
        }
        return new Saved(files.size(), readings, t1);
    }

    /** (b): {@code files} saved files (60 readings each, as at the default rate), start to ready, then queries. */
    static StartResult startAndQuery(String bootstrap, String sensorTopic, int fileCount, int queries, String run) throws Exception {
        Path output = Artifacts.tempDir("bench-saver-files-");
        try {
            long w0 = System.nanoTime();
            List<String> uuids = writeFiles(output, fileCount);
            double writeSeconds = (System.nanoTime() - w0) / 1e9;
            String fpTopic = "bench-saver-fingerprints-idle-" + run;
            Artifacts.createTopics(bootstrap, Map.of(fpTopic, 1));
            int port = Jvm.freePort();
            String url = "http://localhost:" + port;
            long t0 = System.nanoTime();
            try (Jvm saver = Jvm.start("saver-files", Packaged.jvm("saver-service").command("-Xmx" + SAVER_HEAP),
                    saverEnv(bootstrap, port, output, sensorTopic, fpTopic, run, "files"), Artifacts.logDir(run), true)) {
                saver.awaitUp(url + "/q/health/ready", Duration.ofMinutes(3));
                double ready = (System.nanoTime() - t0) / 1e9;
                long[] indexed = indexed(saver);
                if (indexed[0] != fileCount) {
                    throw saver.failure("the saver indexed " + indexed[0] + " of " + fileCount + " files");
                }
                Random random = new Random(7);
                int warmup = queries;
                long q0 = System.nanoTime();
                time(url, uuids, random, warmup, true);
                time(url, uuids, random, warmup, false);
                Latency list = time(url, uuids, random, queries, true);
                Latency detail = time(url, uuids, random, queries, false);
                return new StartResult(fileCount, ready, indexed[1], list, detail, warmup, writeSeconds, (System.nanoTime() - q0) / 1e9);
            }
        } finally {
            Artifacts.deleteRecursively(output);
        }
    }

    static String dlqTopic(String what, String run) {
        return "bench-saver-dlq-" + what + "-" + run;
    }

    static Map<String, String> saverEnv(String bootstrap, int port, Path output, String sensorTopic, String fpTopic, String run, String what) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "QUARKUS_HTTP_PORT", Integer.toString(port),
                "SAVER_OUTPUT_DIR", output.toString(), "SENSOR_DATA_TOPIC", sensorTopic, "FINGERPRINT_TOPIC", fpTopic,
                "FINGERPRINT_DLQ_TOPIC", dlqTopic(what, run), "SAVER_GROUP_ID", "bench-saver-" + what + "-" + run);
    }

    /** {files indexed, ms} from the saver's "Indexed N saved fingerprints in … (X ms" line. */
    private static long[] indexed(Jvm saver) {
        for (String line : saver.lines()) {
            Matcher m = INDEXED.matcher(line);
            if (m.find()) {
                return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
            }
        }
        throw saver.failure("no 'Indexed … saved fingerprints' line in the saver's log");
    }

    private static Latency time(String url, List<String> uuids, Random random, int n, boolean list) throws Exception {
        long[] nanos = new long[n];
        int equipments = 5;
        int windows = uuids.size() / equipments;
        for (int i = 0; i < n; i++) {
            String uri;
            String mustContain;
            if (list) {
                long from = BASE + (long) random.nextInt(Math.max(1, windows - 60)) * 60_000;
                uri = url + "/fingerprints?equip_id=" + (110 + random.nextInt(equipments)) + "&from=" + from + "&to=" + (from + 3_600_000) + "&limit=50";
                mustContain = "\"items\":[{";
            } else {
                String uuid = uuids.get(random.nextInt(uuids.size()));
                uri = url + "/fingerprints/" + uuid;
                mustContain = "\"input_count\":60,\"complete\":true}";
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).build();
            long t = System.nanoTime();
            HttpResponse<String> r = Jvm.Http.client().send(request, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - t;
            if (r.statusCode() != 200 || !r.body().contains(mustContain)) {
                throw new IllegalStateException("GET " + uri + " answered " + r.statusCode() + ": "
                        + r.body().substring(0, Math.min(300, r.body().length())));
            }
        }
        Arrays.sort(nanos);
        return new Latency(n, percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6, nanos[n - 1] / 1e6);
    }

    /** Nearest rank. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Window starts of the written files: from 2026-01-01, one minute apart, five equipments. */
    private static final long BASE = 1_767_225_600_000L;

    /**
     * Saved files as the saver writes them (same name, same layout, fingerprint at the head,
     * input_count and complete at the tail), 60 readings each: one minute at the default rate.
     */
    private static List<String> writeFiles(Path dir, int count) throws IOException {
        List<String> uuids = new ArrayList<>(count);
        Random random = new Random(3);
        StringBuilder doc = new StringBuilder(16_384);
        for (int i = 0; i < count; i++) {
            int equip = 110 + i % 5;
            long start = BASE + (long) (i / 5) * 60_000;
            long end = start + 60_000;
            String uuid = UUID.nameUUIDFromBytes((equip + ":" + start + ":" + end).getBytes(StandardCharsets.UTF_8)).toString();
            uuids.add(uuid);
            doc.setLength(0);
            doc.append("{\"fingerprint\":{\"uuid\":\"").append(uuid).append("\",\"equip_id\":\"").append(equip)
                    .append("\",\"type\":\"kiln\",\"start_ms\":").append(start).append(",\"end_ms\":").append(end).append(",\"data\":{");
            for (int s = 0; s < BenchData.SENSORS.length; s++) {
                doc.append(s == 0 ? "\"" : ",\"").append(BenchData.SENSORS[s])
                        .append("\":{\"min\":1.5,\"max\":98.25,\"median\":50.125,\"mean\":49.875,\"std_dev\":28.5,\"count\":57}");
            }
            doc.append("}},\"input_records\":[");
            for (int r = 0; r < 60; r++) {
                doc.append(r == 0 ? "" : ",").append("{\"equip_id\":").append(equip).append(",\"timestamp\":").append(start + r * 1000L)
                        .append(",\"data\":{");
                for (int s = 0; s < BenchData.SENSORS.length; s++) {
                    doc.append(s == 0 ? "\"" : ",\"").append(BenchData.SENSORS[s]).append("\":\"");
                    int v = random.nextInt(100_001);
                    int fraction = v % 1000;
                    doc.append(v / 1000).append(fraction < 100 ? (fraction < 10 ? ".00" : ".0") : ".").append(fraction).append('"');
                }
                doc.append("}}");
            }
            doc.append("],\"input_count\":60,\"complete\":true}");
            Files.writeString(dir.resolve(uuid + "_" + start + "_" + end + ".json"), doc);
        }
        return uuids;
    }

    static List<Path> savedFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : stream) {
                if (!p.getFileName().toString().startsWith(".")) {
                    files.add(p);
                }
            }
        }
        return files;
    }

    /** {input_count, complete ? 1 : 0} from the last bytes of a saved file. */
    static long[] tail(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            int n = (int) Math.min(64, f.length());
            byte[] bytes = new byte[n];
            f.seek(f.length() - n);
            f.readFully(bytes);
            Matcher m = TAIL.matcher(new String(bytes, StandardCharsets.US_ASCII));
            if (!m.find()) {
                throw new IOException(file + " does not end with input_count and complete");
            }
            return new long[] {Long.parseLong(m.group(1)), "true".equals(m.group(2)) ? 1 : 0};
        }
    }

    /** {peak heap before a GC, max after a GC, max committed, number of GCs} up to {@code untilMillis}, in MB. */
    private static long[] gcPeaks(Path gcLog, long untilMillis) throws IOException {
        long before = 0;
        long after = 0;
        long committed = 0;
        long count = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC.matcher(line);
            if (m.find() && Long.parseLong(m.group(1)) <= untilMillis) {
                before = Math.max(before, Long.parseLong(m.group(2)));
                after = Math.max(after, Long.parseLong(m.group(3)));
                committed = Math.max(committed, Long.parseLong(m.group(4)));
                count++;
            }
        }
        return new long[] {before, after, committed, count};
    }

    /** The heap in use now, from the saver's /q/metrics (jvm_memory_used_bytes, area heap, every pool). */
    private static long heapUsedMb(String url) throws Exception {
        double sum = 0;
        for (String line : Jvm.Http.getOk(url + "/q/metrics").split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) (sum / (1 << 20));
    }

    /** The saver's gauges named in {@link #GAUGES}, from /q/metrics. */
    static Map<String, Double> gauges(String url) throws Exception {
        Map<String, Double> values = new HashMap<>();
        for (String line : Jvm.Http.getOk(url + "/q/metrics").split("\n")) {
            for (String gauge : GAUGES) {
                if (line.startsWith(gauge + " ") || line.startsWith(gauge + "{")) {
                    values.merge(gauge, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                }
            }
        }
        return values;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, long expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "bench-saver-copy-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        if (records.size() != expected) {
            throw new IllegalStateException(topic + " holds " + records.size() + " fingerprints, expected " + expected);
        }
        return records;
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
