package io.fingerprint.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fingerprint.job.stats.ReferenceStatistics;
import io.fingerprint.job.stats.SensorSummary;
import io.fingerprint.kafkalocal.KafkaLocal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job as deployed, Kafka source and exactly-once Kafka sinks included, against a real broker on
 * a Flink MiniCluster: out-of-order, null, bad and late readings, and windows that must close after
 * the input stops.
 */
class KafkaPipelineIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WINDOW = 10_000;
    /** Ten minutes ago, on a window boundary. */
    private static final long T0 = (System.currentTimeMillis() - 600_000) / WINDOW * WINDOW;

    private static KafkaLocal kafka;
    private static KafkaProducer<String, String> producer;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String input = "sensor-data-" + run;
    private final String output = "fingerprint-output-" + run;
    private final String dlq = "sensor-data-dlq-" + run;
    /** What was produced: equip → window start → sensor → values. */
    private final Map<Long, Map<Long, Map<String, List<Double>>>> produced = new TreeMap<>();

    @BeforeAll
    static void startKafka() {
        kafka = KafkaLocal.shared();
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void exactFingerprintsOnceEachWithBadAndLateReadingsDeadLettered() throws Exception {
        createTopics();

        // Window A [T0, T0+10s), B [+10s, +20s), C [+20s, +30s). Equipment 110 out of order within 2 s.
        send(110, T0 + 1_000, Map.of("0001", "10.5", "0002", "1"));
        send(110, T0 + 4_000, Map.of("0001", "20.25", "0002", "null"));
        send(111, T0 + 2_000, Map.of("0001", "5"));
        send(112, T0 + 3_000, Map.of("0001", "7", "0002", "8"));
        send(110, T0 + 11_000, Map.of("0001", "99"));
        send(110, T0 + 9_500, Map.of("0001", "30"));          // 1.5 s behind: still window A
        send(110, T0 + 10_000, Map.of("0001", "40"));         // exactly at A's end: window B
        sendRaw(111, T0 + 12_000, "{\"equip_id\":111,\"timestamp\":" + (T0 + 12_000)
                + ",\"data\":{\"0001\":\"x\",\"0002\":\"3\",\"0003\":null}}");
        record(111, T0 + 12_000, "0002", 3);
        sendRaw(113, T0 + 13_000, "{\"equip_id\":113,\"timestamp\":" + (T0 + 13_000) + ",\"data\":{\"0001\":\"null\"}}");
        sendRaw(110, T0 + 5_000, "not json");
        send(112, T0 + 25_000, Map.of("0001", "1"));
        producer.flush();

        JobOptions options = JobOptions.parse("--bootstrap-servers", kafka.bootstrapServers(),
                "--input-topic", input, "--output-topic", output, "--dlq-topic", dlq,
                "--group-id", "it-" + run, "--transactional-id-prefix", "it-" + run,
                "--starting-offsets", "earliest", "--window-size", "10s", "--out-of-orderness", "2s",
                "--idle-timeout", "1s", "--parallelism", "2", "--checkpoint-interval", "1s");
        StreamExecutionEnvironment env = FingerprintJob.environment(options);
        new FingerprintJob(options, FingerprintJob.kafkaSource(options),
                FingerprintJob.kafkaSink(options, new io.fingerprint.job.output.FingerprintRecordSchema(output), "fingerprints"),
                FingerprintJob.kafkaSink(options, new io.fingerprint.job.output.DeadLetterRecordSchema(dlq), "dlq"))
                .build(env);
        JobClient job = env.executeAsync("kafka-pipeline-it");
        try (KafkaConsumer<String, String> fingerprints = consumer(output); KafkaConsumer<String, String> deadLetters = consumer(dlq)) {
            // Nothing more arrives: B and C (and A on the quieter partition) can only close
            // through the idle-advancing watermark.
            List<ConsumerRecord<String, String>> out = pollUntil(fingerprints, 6, Duration.ofSeconds(90));

            // Window A has closed: a reading for it now is late and must reach the DLQ, not vanish.
            sendRaw(110, T0 + 6_000, "{\"equip_id\":110,\"timestamp\":" + (T0 + 6_000) + ",\"data\":{\"0001\":\"1000\"}}");
            producer.flush();
            List<ConsumerRecord<String, String>> dead = pollUntil(deadLetters, 2, Duration.ofSeconds(60));

            // a few more checkpoints: nothing may be emitted twice
            out.addAll(pollFor(fingerprints, Duration.ofSeconds(4)));
            dead.addAll(pollFor(deadLetters, Duration.ofMillis(500)));

            assertFingerprints(out);
            assertThat(dead).hasSize(2);
            Map<String, JsonNode> byReason = new HashMap<>();
            for (ConsumerRecord<String, String> r : dead) {
                JsonNode node = JSON.readTree(r.value());
                byReason.put(node.get("reason").asText().startsWith("invalid JSON") ? "invalid" : node.get("reason").asText(), node);
            }
            assertThat(byReason.get("invalid").get("payload").asText()).isEqualTo("not json");
            assertThat(byReason.get("invalid").get("source_topic").asText()).isEqualTo(input);
            assertThat(byReason.get("late").get("payload").asText()).contains("\"equip_id\":110").contains("1000.0");
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private void assertFingerprints(List<ConsumerRecord<String, String>> records) throws Exception {
        Map<String, JsonNode> byUuid = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode f = JSON.readTree(r.value()).get("fingerprint");
            assertThat(r.key()).isEqualTo(f.get("equip_id").asText());
            assertThat(byUuid.put(f.get("uuid").asText(), f)).as("duplicate fingerprint %s", f).isNull();
        }
        int expectedCount = 0;
        for (var equip : produced.entrySet()) {
            for (var window : equip.getValue().entrySet()) {
                expectedCount++;
                long start = window.getKey();
                String uuid = io.fingerprint.job.output.Fingerprint.uuidOf(equip.getKey(), start, start + WINDOW).toString();
                JsonNode f = byUuid.get(uuid);
                assertThat(f).as("fingerprint of %s at %s", equip.getKey(), start).isNotNull();
                assertThat(f.get("equip_id").asText()).isEqualTo(equip.getKey().toString());
                assertThat(f.get("type").asText()).isEqualTo("kiln");
                assertThat(f.get("start_ms").asLong()).isEqualTo(start);
                assertThat(f.get("end_ms").asLong()).isEqualTo(start + WINDOW);
                JsonNode data = f.get("data");
                assertThat(data.size()).isEqualTo(window.getValue().size());
                for (var sensor : window.getValue().entrySet()) {
                    SensorSummary expected = ReferenceStatistics.of(sensor.getKey(),
                            sensor.getValue().stream().mapToDouble(Double::doubleValue).toArray());
                    JsonNode s = data.get(sensor.getKey());
                    assertThat(s.get("min").asDouble()).isEqualTo(expected.min);
                    assertThat(s.get("max").asDouble()).isEqualTo(expected.max);
                    assertThat(s.get("median").asDouble()).isEqualTo(expected.median);
                    assertThat(s.get("count").asLong()).isEqualTo(expected.count);
                    assertThat(s.get("mean").asDouble()).isCloseTo(expected.mean, org.assertj.core.data.Percentage.withPercentage(1e-10));
                    assertThat(s.get("std_dev").asDouble()).isCloseTo(expected.stdDev, org.assertj.core.api.Assertions.within(1e-12));
                }
            }
        }
        assertThat(byUuid).hasSize(expectedCount);
        assertThat(expectedCount).isEqualTo(6); // A: 110 111 112, B: 110 111, C: 112; 113 had only nulls
    }

    private void send(long equip, long timestamp, Map<String, String> data) {
        StringBuilder json = new StringBuilder("{\"equip_id\":" + equip + ",\"timestamp\":" + timestamp + ",\"data\":{");
        String sep = "";
        for (var e : new TreeMap<>(data).entrySet()) {
            json.append(sep).append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
            sep = ",";
            if (!e.getValue().equals("null")) {
                record(equip, timestamp, e.getKey(), Double.parseDouble(e.getValue()));
            }
        }
        sendRaw(equip, timestamp, json.append("}}").toString());
    }

    private void record(long equip, long timestamp, String sensor, double value) {
        produced.computeIfAbsent(equip, k -> new TreeMap<>())
                .computeIfAbsent(timestamp / WINDOW * WINDOW, k -> new TreeMap<>())
                .computeIfAbsent(sensor, k -> new ArrayList<>()).add(value);
    }

    private void sendRaw(long equip, long timestamp, String payload) {
        producer.send(new ProducerRecord<>(input, null, timestamp, Long.toString(equip), payload));
    }

    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(input, 2, (short) 1), new NewTopic(output, 1, (short) 1),
                    new NewTopic(dlq, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("group.id", "verify-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        assertThat(records).as("records within %s", timeout).hasSizeGreaterThanOrEqualTo(count);
        return records;
    }

    private static List<ConsumerRecord<String, String>> pollFor(KafkaConsumer<String, String> consumer, Duration duration) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
