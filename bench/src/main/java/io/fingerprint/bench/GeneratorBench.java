package io.fingerprint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * 5. The generator's highest sustained rate through its own REST API and Emitter path, beside
 * Kafka's ProducerPerformance sending records of the generator's average size, with the
 * generator's own producer settings (read from its ProducerConfig log), to the same broker and a
 * topic with the same partitions.
 */
final class GeneratorBench {

    /** Producer settings that decide throughput, copied from the generator's ProducerConfig to ProducerPerformance. */
    static final List<String> COPIED_SETTINGS = List.of("acks", "linger.ms", "batch.size", "compression.type", "enable.idempotence",
            "max.in.flight.requests.per.connection", "buffer.memory", "max.request.size");
    private static final Pattern CONFIG_LINE = Pattern.compile("^\\[[^\\]]+\\]\\s+([a-z][a-z0-9.]*) = (.*)$");
    /** ProducerPerformance's window and total lines: "N records sent, R records/sec (M MB/sec), …". */
    private static final Pattern PERF_LINE = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");
    private static final int SIZE_SAMPLE = 200_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(double generatorRate, double intervalSeconds, long sentInInterval, long throttledInInterval, long sent, long inTopic,
                  double avgValueBytes, double avgKeyBytes, long sizeSample, Map<String, String> settings,
                  double perfRate, double perfTotalRate, double perfSeconds, long perfRecords, long perfInTopic, int recordSize) {
    }

    private GeneratorBench() {
    }

    static Result run(String bootstrap, BenchOptions o, String run) throws Exception {
        String genTopic = "bench-generator-" + run;
        String perfTopic = "bench-producer-perf-" + run;
        Artifacts.createTopics(bootstrap, Map.of(genTopic, o.partitions, perfTopic, o.partitions));

        int port = Jvm.freePort();
        String url = "http://localhost:" + port;
        Interval interval;
        JsonNode last;
        Map<String, String> settings;
        try (Jvm generator = start(Packaged.jvm("generator-service"), "generator", bootstrap, genTopic, port, run)) {
            generator.awaitReady(url + "/q/health/ready", body -> true, Duration.ofMinutes(2));
            interval = sustained(url, o.generatorRate, o.generatorWarmup, o.generatorInterval);
            last = pause(generator, url);
            settings = producerSettings(generator);
        }
        long sent = last.get("sent").asLong();
        long inTopic = checkTopic(bootstrap, genTopic, sent, interval);
        double[] sizes = averageSizes(bootstrap, genTopic);
        int recordSize = (int) Math.round(sizes[0]);

        // ProducerPerformance, same broker, same partitions, same settings, records of the generator's size
        List<String> command = new ArrayList<>(List.of(Jvm.java(), "-Xmx512m", "-Dlog4j2.configurationFile=kafka-local-log4j2.xml",
                "-cp", Artifacts.kafkaToolsClasspath(), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", perfTopic, "--num-records", Long.toString(o.producerRecords), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap));
        settings.forEach((k, v) -> command.add(k + "=" + v));
        List<String> lines;
        long p0 = System.nanoTime();
        try (Jvm perf = Jvm.start("producer-performance", command, Map.of(), Artifacts.logDir(run), true)) {
            int exit = perf.waitFor(Duration.ofMinutes(10));
            if (exit != 0) {
                throw perf.failure("ProducerPerformance exited with " + exit);
            }
            lines = perf.lines();
        }
        double perfSeconds = (System.nanoTime() - p0) / 1e9;
        double[] perf = perfRates(lines, o.producerRecords);
        long perfInTopic = Artifacts.records(bootstrap, perfTopic);
        if (perfInTopic != o.producerRecords) {
            throw new IllegalStateException("ProducerPerformance sent " + o.producerRecords + ", topic " + perfTopic + " holds " + perfInTopic);
        }
        return new Result(interval.rate(), interval.seconds(), interval.sent(), interval.throttled(), sent, inTopic, sizes[0], sizes[1],
                (long) sizes[2], settings, perf[0], perf[1], perfSeconds, o.producerRecords, perfInTopic, recordSize);
    }

    /** Readings acknowledged ({@code sent}) and throttled over an interval of {@code seconds}. */
    record Interval(double seconds, long sent, long throttled) {
        double rate() {
            return sent / seconds;
        }
    }

    /**
     * The packaged generator at rate 0 on {@code topic}, as the launcher starts it (512 MB heap), with
     * Kafka's "ProducerConfig values" lines (logged by AbstractConfig) so its settings can be copied.
     */
    static Jvm start(Packaged generator, String name, String bootstrap, String topic, int port, String run) {
        return Jvm.start(name, generator.command("-Xmx512m", "-Dquarkus.log.category.\"org.apache.kafka.common.config.AbstractConfig\".level=INFO"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "QUARKUS_HTTP_PORT", Integer.toString(port),
                        "SENSOR_DATA_TOPIC", topic, "GENERATOR_READINGS_PER_SECOND", "0"), Artifacts.logDir(run), true);
    }

    /** Sets {@code rate} by REST, lets it run {@code warmup}, then counts the growth of {@code sent} over {@code interval}. */
    static Interval sustained(String url, int rate, Duration warmup, Duration interval) throws Exception {
        Jvm.Http.putJson(url + "/generator/rate", "{\"readings_per_second\":" + rate + "}");
        Thread.sleep(warmup.toMillis()); // the warm-up is part of the measurement, not a wait for a condition
        long a0 = System.nanoTime();
        JsonNode s0 = status(url);
        long a1 = System.nanoTime();
        Thread.sleep(interval.toMillis()); // the interval measured
        long b0 = System.nanoTime();
        JsonNode s1 = status(url);
        long b1 = System.nanoTime();
        return new Interval(((b0 + b1) / 2.0 - (a0 + a1) / 2.0) / 1e9, s1.get("sent").asLong() - s0.get("sent").asLong(),
                s1.get("throttled").asLong() - s0.get("throttled").asLong());
    }

    /** Rate 0, then every emitted reading acknowledged; fails on a failed send. Returns the last status. */
    static JsonNode pause(Jvm generator, String url) throws Exception {
        Jvm.Http.putJson(url + "/generator/rate", "{\"readings_per_second\":0}");
        JsonNode last = settle(url);
        if (last.get("failed").asLong() != 0) {
            throw generator.failure("the generator counted " + last.get("failed").asLong() + " failed sends");
        }
        return last;
    }

    /** The number of records in {@code topic}; fails unless it is what the generator counted as sent. */
    static long checkTopic(String bootstrap, String topic, long sent, Interval interval) throws Exception {
        long inTopic = Artifacts.records(bootstrap, topic);
        if (inTopic != sent || interval.sent() <= 0) {
            throw new IllegalStateException("generator: sent " + sent + ", topic " + topic + " holds " + inTopic
                    + " (interval: " + interval.sent() + ")");
        }
        return inTopic;
    }

    static JsonNode status(String url) throws Exception {
        return JSON.readTree(Jvm.Http.getOk(url + "/generator"));
    }

    /** Waits until every emitted reading is acknowledged (sent + failed stop moving). */
    static JsonNode settle(String url) throws Exception {
        JsonNode previous = status(url);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            JsonNode now = status(url);
            if (now.get("sent").asLong() == previous.get("sent").asLong() && now.get("failed").asLong() == previous.get("failed").asLong()) {
                return now;
            }
            previous = now;
        }
        throw new IllegalStateException("the generator's sent counter did not settle within 60 s after pausing");
    }

    /** The generator's producer settings that decide throughput, from its logged ProducerConfig values. */
    private static Map<String, String> producerSettings(Jvm generator) {
        Map<String, String> all = new LinkedHashMap<>();
        boolean inConfig = false;
        for (String line : generator.lines()) {
            if (line.contains("ProducerConfig values")) {
                inConfig = true;
                continue;
            }
            Matcher m = CONFIG_LINE.matcher(line);
            if (inConfig && m.matches()) {
                all.putIfAbsent(m.group(1), m.group(2).trim());
            } else if (inConfig && !all.isEmpty()) {
                inConfig = false;
            }
        }
        Map<String, String> copied = new LinkedHashMap<>();
        for (String key : COPIED_SETTINGS) {
            String value = all.get(key);
            if (value == null) {
                throw generator.failure("the generator's log shows no ProducerConfig value of " + key);
            }
            copied.put(key, value);
        }
        return copied;
    }

    /** Average value and key size over the first records of every partition, and the sample size. */
    private static double[] averageSizes(String bootstrap, String topic) {
        long values = 0;
        long keys = 0;
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = Consumers.bytes(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            long want = Math.min(SIZE_SAMPLE, total);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (n < want && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values += r.value().length;
                    keys += r.key() == null ? 0 : r.key().length;
                    n++;
                }
            }
        }
        if (n == 0) {
            throw new IllegalStateException("no record of the generator in " + topic);
        }
        return new double[] {(double) values / n, (double) keys / n, n};
    }

    /**
     * ProducerPerformance prints a line per 5 s window and a total. Steady rate: the windows after
     * the first (the generator's figure also leaves out its warm-up), else the total when the run
     * was too short for two windows. Returns {steady, total}.
     */
    static double[] perfRates(List<String> lines, long records) {
        List<double[]> windows = new ArrayList<>();
        double total = -1;
        for (String line : lines) {
            Matcher m = PERF_LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            double[] w = {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
            if (line.contains("50th")) {
                if ((long) w[0] != records) {
                    throw new IllegalStateException("ProducerPerformance reports " + (long) w[0] + " records sent of " + records);
                }
                total = w[1];
            } else {
                windows.add(w);
            }
        }
        if (total <= 0) {
            throw new IllegalStateException("no total line in ProducerPerformance's output: " + lines);
        }
        if (windows.size() < 2) {
            return new double[] {total, total};
        }
        double n = 0;
        double t = 0;
        for (double[] w : windows.subList(1, windows.size())) {
            n += w[0];
            t += w[0] / w[1];
        }
        return new double[] {n / t, total};
    }
}
