package io.fingerprint.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fingerprint.formats.fingerprint.Fingerprint;
import io.fingerprint.job.output.TopicRecordSchema;
import io.fingerprint.formats.fingerprint.ExactStatistics;
import io.fingerprint.formats.fingerprint.SensorSummary;
import io.fingerprint.kafkalocal.KafkaLocal;
import io.fingerprint.kafkalocal.TopicReader;
import io.fingerprint.kafkalocal.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Topics, a producer that remembers what it sent, read_committed consumers and the exact
 * expectations, for tests of the job against the real broker.
 */
final class KafkaTestKit implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final KafkaLocal kafka = KafkaLocal.shared();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String input = "sensor-data-" + run;
    final String output = "fingerprint-output-" + run;
    final String dlq = "sensor-data-dlq-" + run;
    private final long windowMs;
    private final KafkaProducer<String, String> producer;
    /** What was produced: equip → window start → sensor → values. */
    private final Map<Long, Map<Long, Map<String, List<Double>>>> produced = new TreeMap<>();

    KafkaTestKit(long windowMs) throws Exception {
        this.windowMs = windowMs;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Topics.create(admin, Duration.ofSeconds(30), Topics.topic(input, 2), Topics.topic(output, 1), Topics.topic(dlq, 1));
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        props.put("linger.ms", "5");
        producer = new KafkaProducer<>(props);
    }

    /** Job options for this kit's topics; {@code extra} adds or overrides. */
    JobOptions options(String... extra) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", kafka.bootstrapServers(),
                "--input-topic", input, "--output-topic", output, "--dlq-topic", dlq,
                "--group-id", "it-" + run, "--transactional-id-prefix", "it-" + run, "--starting-offsets", "earliest"));
        args.addAll(List.of(extra));
        return JobOptions.parse(args.toArray(String[]::new));
    }

    /** The job with the production Kafka source and sinks on this kit's topics. */
    FingerprintJob job(JobOptions options) {
        return new FingerprintJob(options, FingerprintJob.kafkaSource(options),
                FingerprintJob.kafkaSink(options, TopicRecordSchema.fingerprints(output), "fingerprints"),
                FingerprintJob.kafkaSink(options, TopicRecordSchema.deadLetters(dlq), "dlq"));
    }

    /** Sends a reading with string values ("null" for none) and remembers its non-null values. */
    synchronized void send(long equip, long timestamp, Map<String, String> data) {
        StringBuilder json = new StringBuilder("{\"equip_id\":" + equip + ",\"timestamp\":" + timestamp + ",\"data\":{");
        String sep = "";
        for (var e : new TreeMap<>(data).entrySet()) {
            json.append(sep).append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
            sep = ",";
            if (!e.getValue().equals("null")) {
                expect(equip, timestamp, e.getKey(), Double.parseDouble(e.getValue()));
            }
        }
        sendRaw(equip, timestamp, json.append("}}").toString());
    }

    /** Remembers a value the job must count, for payloads sent with {@link #sendRaw}. */
    synchronized void expect(long equip, long timestamp, String sensor, double value) {
        produced.computeIfAbsent(equip, k -> new TreeMap<>())
                .computeIfAbsent(Math.floorDiv(timestamp, windowMs) * windowMs, k -> new TreeMap<>())
                .computeIfAbsent(sensor, k -> new ArrayList<>()).add(value);
    }

    void sendRaw(long equip, long timestamp, String payload) {
        producer.send(new ProducerRecord<>(input, null, timestamp, Long.toString(equip), payload));
    }

    void flush() {
        producer.flush();
    }

    synchronized int expectedWindows() {
        return produced.values().stream().mapToInt(Map::size).sum();
    }

    /** A reader of one of this kit's topics from its beginning, as a read_committed consumer sees it. */
    TopicReader reader(String topic) {
        return new TopicReader(kafka.bootstrapServers(), topic);
    }

    static List<ConsumerRecord<String, String>> pollUntil(TopicReader reader, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> records = reader.read(count, timeout);
        assertThat(records).as("records within %s", timeout).hasSizeGreaterThanOrEqualTo(count);
        return records;
    }

    /**
     * Every (equipment, window) produced has exactly one fingerprint, with the reference statistics
     * of exactly the values produced for it, and there is no other.
     */
    synchronized void assertExactlyTheExpectedFingerprints(List<ConsumerRecord<String, String>> records) throws Exception {
        Map<String, JsonNode> byUuid = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode f = JSON.readTree(r.value()).get("fingerprint");
            assertThat(r.key()).isEqualTo(f.get("equip_id").asText());
            assertThat(byUuid.put(f.get("uuid").asText(), f)).as("duplicate fingerprint %s", f).isNull();
        }
        for (var equip : produced.entrySet()) {
            for (var window : equip.getValue().entrySet()) {
                long start = window.getKey();
                JsonNode f = byUuid.get(Fingerprint.uuidOf(equip.getKey(), start, start + windowMs).toString());
                assertThat(f).as("fingerprint of %s at %s", equip.getKey(), start).isNotNull();
                assertThat(f.get("equip_id").asText()).isEqualTo(equip.getKey().toString());
                assertThat(f.get("type").asText()).isEqualTo("kiln");
                assertThat(f.get("start_ms").asLong()).isEqualTo(start);
                assertThat(f.get("end_ms").asLong()).isEqualTo(start + windowMs);
                JsonNode data = f.get("data");
                assertThat(data.size()).isEqualTo(window.getValue().size());
                for (var sensor : window.getValue().entrySet()) {
                    SensorSummary expected = ExactStatistics.of(sensor.getKey(),
                            sensor.getValue().stream().mapToDouble(Double::doubleValue).toArray());
                    JsonNode s = data.get(sensor.getKey());
                    assertThat(s.get("count").asLong()).as("count %s %s %s", equip.getKey(), start, sensor.getKey())
                            .isEqualTo(expected.count);
                    assertThat(s.get("min").asDouble()).isEqualTo(expected.min);
                    assertThat(s.get("max").asDouble()).isEqualTo(expected.max);
                    assertThat(s.get("median").asDouble()).isEqualTo(expected.median);
                    assertThat(s.get("mean").asDouble()).isCloseTo(expected.mean, org.assertj.core.data.Percentage.withPercentage(1e-10));
                    assertThat(s.get("std_dev").asDouble()).isCloseTo(expected.stdDev, org.assertj.core.api.Assertions.within(1e-9));
                }
            }
        }
        assertThat(byUuid).hasSize(expectedWindows());
    }

    @Override
    public void close() {
        producer.close();
    }
}
