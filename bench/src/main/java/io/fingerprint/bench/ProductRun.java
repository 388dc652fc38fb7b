package io.fingerprint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fingerprint.formats.fingerprint.ExactStatistics;
import io.fingerprint.formats.fingerprint.SensorSummary;
import io.fingerprint.job.FingerprintJob;
import io.fingerprint.job.JobOptions;
import io.fingerprint.job.output.TopicRecordSchema;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The product's job, unchanged, over the preloaded topic in bounded mode: exactly-once Kafka sinks
 * and checkpoints as in production. Its output is then checked against the reference.
 */
final class ProductRun {

    private ProductRun() {
    }

    static String outputTopic(String run) {
        return "bench-fingerprints-" + run;
    }

    /** Runs the job to the end of the topic; returns the checked number of fingerprints. */
    /** The checked fingerprint count, and the job's own time (cluster start to finish; topics and check outside). */
    record Result(long fingerprints, double jobSeconds) {
    }

    /** Runs the job to the end of the topic, then checks its output. */
    static Result run(String bootstrap, BenchData data, int parallelism, String run) throws Exception {
        String output = outputTopic(run);
        String dlq = "bench-dlq-" + run;
        Artifacts.createTopics(bootstrap, Map.of(output, 1, dlq, 1));
        java.nio.file.Path checkpoints = java.nio.file.Files.createTempDirectory("bench-checkpoints-");
        JobOptions options = JobOptions.parse("--bootstrap-servers", bootstrap, "--input-topic", data.topic,
                "--output-topic", output, "--dlq-topic", dlq, "--group-id", "bench-" + run,
                "--transactional-id-prefix", "bench-" + run, "--starting-offsets", "earliest", "--bounded",
                "--parallelism", Integer.toString(parallelism),
                // as in production: checkpoints to a file system, not the JobManager's 5 MB heap store
                "--checkpoint-dir", checkpoints.toUri().toString());
        long start = System.nanoTime();
        try {
            StreamExecutionEnvironment env = FingerprintJob.environment(options);
            new FingerprintJob(options, FingerprintJob.kafkaSource(options),
                    FingerprintJob.kafkaSink(options, TopicRecordSchema.fingerprints(output), "fingerprints"),
                    FingerprintJob.kafkaSink(options, TopicRecordSchema.deadLetters(dlq), "dlq"))
                    .execute(env);
        } finally {
            org.apache.flink.util.FileUtils.deleteDirectoryQuietly(checkpoints.toFile());
        }
        double jobSeconds = (System.nanoTime() - start) / 1e9;
        return new Result(check(bootstrap, output, data), jobSeconds);
    }

    private static long check(String bootstrap, String output, BenchData data) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> uuids = new HashSet<>();
        long checkedSamples = 0;
        long expected = data.expectedFingerprints();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, output)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (uuids.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode f = json.readTree(r.value()).get("fingerprint");
                    if (!uuids.add(f.get("uuid").asText())) {
                        throw new IllegalStateException("duplicate fingerprint " + f);
                    }
                    String prefix = f.get("equip_id").asText() + ":" + f.get("start_ms").asLong() + ":";
                    var sensors = f.get("data").fields();
                    while (sensors.hasNext()) {
                        var sensor = sensors.next();
                        String key = prefix + sensor.getKey();
                        long count = sensor.getValue().get("count").asLong();
                        if (!Long.valueOf(count).equals(data.counts.get(key))) {
                            throw new IllegalStateException(key + ": count " + count + ", reference " + data.counts.get(key));
                        }
                        List<Double> values = data.sampled.get(key);
                        if (values != null) {
                            checkValues(key, sensor.getValue(), values);
                            checkedSamples++;
                        }
                    }
                }
            }
        }
        if (uuids.size() != expected) {
            throw new IllegalStateException(uuids.size() + " fingerprints, reference " + expected);
        }
        if (checkedSamples == 0 && !data.sampled.isEmpty()) {
            throw new IllegalStateException("no sampled window was checked");
        }
        return uuids.size();
    }

    /** Throws unless the values agree with the exact reference: min, max, median and count exactly, mean and std_dev within 1e-9. */
    private static void checkValues(String key, JsonNode s, List<Double> values) {
        SensorSummary exact = ExactStatistics.of(key, values.stream().mapToDouble(Double::doubleValue).toArray());
        SensorSummary got = new SensorSummary(key, s.get("min").asDouble(), s.get("max").asDouble(), s.get("median").asDouble(),
                s.get("mean").asDouble(), s.get("std_dev").asDouble(), s.get("count").asLong());
        if (got.min != exact.min || got.max != exact.max || got.median != exact.median || got.count != exact.count
                || ExactStatistics.relativeError(got.mean, exact.mean) > 1e-9 || ExactStatistics.relativeError(got.stdDev, exact.stdDev) > 1e-9) {
            throw new IllegalStateException(key + ": got " + got + ", reference " + exact);
        }
    }

    /** The std_dev the job computed for one (equipment, window, sensor), read back from its output topic. */
    static double stdDevOf(String bootstrap, String output, String sensor) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, output)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    return json.readTree(r.value()).get("fingerprint").get("data").get(sensor).get("std_dev").asDouble();
                }
            }
        }
        throw new IllegalStateException("no fingerprint in " + output);
    }

    static KafkaConsumer<String, String> consumer(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "bench-check-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
