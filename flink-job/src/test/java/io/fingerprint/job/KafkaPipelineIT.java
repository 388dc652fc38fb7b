package io.fingerprint.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fingerprint.kafkalocal.TopicReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    private static final long WINDOW = 10_000;
    /** Ten minutes ago, on a window boundary. */
    private static final long T0 = (System.currentTimeMillis() - 600_000) / WINDOW * WINDOW;

    @Test
    void exactFingerprintsOnceEachWithBadAndLateReadingsDeadLettered() throws Exception {
        try (KafkaTestKit kit = new KafkaTestKit(WINDOW)) {
            // Window A [T0, T0+10s), B [+10s, +20s), C [+20s, +30s). Equipment 110 out of order within 2 s.
            kit.send(110, T0 + 1_000, Map.of("0001", "10.5", "0002", "1"));
            kit.send(110, T0 + 4_000, Map.of("0001", "20.25", "0002", "null"));
            kit.send(111, T0 + 2_000, Map.of("0001", "5"));
            kit.send(112, T0 + 3_000, Map.of("0001", "7", "0002", "8"));
            kit.send(110, T0 + 11_000, Map.of("0001", "99"));
            kit.send(110, T0 + 9_500, Map.of("0001", "30"));          // 1.5 s behind: still window A
            kit.send(110, T0 + 10_000, Map.of("0001", "40"));         // exactly at A's end: window B
            kit.sendRaw(111, T0 + 12_000, "{\"equip_id\":111,\"timestamp\":" + (T0 + 12_000)
                    + ",\"data\":{\"0001\":\"x\",\"0002\":\"3\",\"0003\":null}}");
            kit.expect(111, T0 + 12_000, "0002", 3);
            kit.sendRaw(113, T0 + 13_000, "{\"equip_id\":113,\"timestamp\":" + (T0 + 13_000) + ",\"data\":{\"0001\":\"null\"}}");
            kit.sendRaw(110, T0 + 5_000, "not json");
            kit.send(112, T0 + 25_000, Map.of("0001", "1"));
            kit.flush();

            JobOptions options = kit.options("--window-size", "10s", "--out-of-orderness", "2s",
                    "--idle-timeout", "1s", "--parallelism", "2", "--checkpoint-interval", "1s");
            StreamExecutionEnvironment env = FingerprintJob.environment(options);
            kit.job(options).build(env);
            JobClient job = env.executeAsync("kafka-pipeline-it");
            try (TopicReader fingerprints = kit.reader(kit.output);
                    TopicReader deadLetters = kit.reader(kit.dlq)) {
                // Nothing more arrives: B and C (and A on the quieter partition) can only close
                // through the idle-advancing watermark. 113 had only nulls: no fingerprint.
                assertThat(kit.expectedWindows()).isEqualTo(6);
                List<ConsumerRecord<String, String>> out = KafkaTestKit.pollUntil(fingerprints, 6, Duration.ofSeconds(90));

                // Window A has closed: a reading for it now is late and must reach the DLQ, not vanish.
                kit.sendRaw(110, T0 + 6_000, "{\"equip_id\":110,\"timestamp\":" + (T0 + 6_000) + ",\"data\":{\"0001\":\"1000\"}}");
                kit.flush();
                // dead letters: the record with a rejected value, the invalid JSON, the late reading
                List<ConsumerRecord<String, String>> dead = KafkaTestKit.pollUntil(deadLetters, 3, Duration.ofSeconds(60));

                // a few more checkpoints: nothing may be emitted twice
                out.addAll(fingerprints.readFor(Duration.ofSeconds(4)));
                dead.addAll(deadLetters.readFor(Duration.ofMillis(500)));

                kit.assertExactlyTheExpectedFingerprints(out);
                assertThat(dead).hasSize(3);
                Map<String, JsonNode> byReason = new HashMap<>();
                for (ConsumerRecord<String, String> r : dead) {
                    JsonNode node = KafkaTestKit.JSON.readTree(r.value());
                    String reason = node.get("reason").asText();
                    byReason.put(reason.startsWith("invalid JSON") ? "invalid"
                            : reason.startsWith("1 value rejected") ? "rejected" : reason, node);
                }
                assertThat(byReason.get("invalid").get("payload").asText()).isEqualTo("not json");
                assertThat(byReason.get("invalid").get("source_topic").asText()).isEqualTo(kit.input);
                assertThat(byReason.get("rejected").get("reason").asText())
                        .contains("sensor \"0001\": \"x\"").endsWith("the record's other values were used");
                assertThat(byReason.get("rejected").get("source_topic").asText()).isEqualTo(kit.input);
                assertThat(byReason.get("late").get("payload").asText()).contains("\"equip_id\":110").contains("1000.0");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
