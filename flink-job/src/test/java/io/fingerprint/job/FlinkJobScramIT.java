package io.fingerprint.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fingerprint.kafkalocal.KafkaClientConfigs;
import io.fingerprint.kafkalocal.KafkaLocal;
import io.fingerprint.kafkalocal.ScramProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged job ({@code java -jar flink-job-local.jar --local --bounded}) against a broker whose
 * only address it is given accepts nothing but SCRAM-SHA-512 logins: the address and the security
 * settings come from the environment alone (KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL,
 * KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG), as on a JobManager in a container. The source,
 * both transactional sinks and the source's admin client log in, and the fingerprints are right.
 * With a wrong password the job fails to authenticate and writes nothing.
 */
class FlinkJobScramIT {

    static final Path TARGET = Path.of("target");
    static final long WINDOW = 10_000;
    static final long[] EQUIPMENT = {110, 111, 112};
    static final int READINGS = 10;

    static ScramProcesses scram;
    static KafkaLocal kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        scram = ScramProcesses.start(KafkaLocal.builder().scram().topic("scram-in", 2).topic("scram-out", 1).topic("scram-dlq", 1)
                .topic("scram-out-refused", 1).topic("scram-dlq-refused", 1), TARGET);
        kafka = scram.kafka();
    }

    @AfterAll
    static void stopBroker() {
        if (scram != null) {
            scram.close();
        }
    }

    @Test
    void theJobReadsAndWritesThroughScramWithOnlyEnvironmentVariables() throws Exception {
        long start = (System.currentTimeMillis() - 300_000) / WINDOW * WINDOW;
        Map<Long, List<Double>> values = new TreeMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.saslClientProperties(),
                new StringSerializer(), new StringSerializer())) {
            for (long equip : EQUIPMENT) {
                for (int i = 0; i < READINGS; i++) {
                    long t = start + i * (WINDOW / READINGS);
                    double v = equip + i / 4.0;
                    values.computeIfAbsent(equip, k -> new ArrayList<>()).add(v);
                    producer.send(new ProducerRecord<>("scram-in", null, t, Long.toString(equip),
                            "{\"equip_id\":" + equip + ",\"timestamp\":" + t + ",\"data\":{\"0001\":\"" + v + "\"}}"));
                }
            }
            producer.flush();
        }

        Path log = TARGET.resolve("flink-job-scram.log");
        Process job = startJob(scram.environment(), "scram-out", "scram-dlq", log);
        try {
            assertThat(job.waitFor(120, TimeUnit.SECONDS)).as("the bounded job ends").isTrue();
        } finally {
            job.destroyForcibly();
        }
        String text = Files.readString(log);
        assertThat(job.exitValue()).as(text).isZero();

        Map<String, Object> props = new HashMap<>(kafka.saslClientProperties());
        props.put("group.id", "scram-it-verify");
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("scram-out"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (records.size() < EQUIPMENT.length && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(EQUIPMENT.length);
        ObjectMapper json = new ObjectMapper();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode f = json.readTree(r.value()).get("fingerprint");
            long equip = f.get("equip_id").asLong();
            List<Double> sent = values.get(equip);
            assertThat(f.get("start_ms").asLong()).isEqualTo(start);
            JsonNode s = f.get("data").get("0001");
            assertThat(s.get("count").asInt()).isEqualTo(READINGS);
            assertThat(s.get("min").asDouble()).isEqualTo(sent.get(0));
            assertThat(s.get("max").asDouble()).isEqualTo(sent.get(READINGS - 1));
        }

        List<String> configs = KafkaClientConfigs.logged(text);
        assertThat(configs).as("the source's consumer, both sinks' producers, the source's admin client")
                .anyMatch(c -> c.startsWith("ConsumerConfig"))
                .anyMatch(c -> c.startsWith("ProducerConfig") && c.contains("transactional.id = scram-it-fingerprints"))
                .anyMatch(c -> c.startsWith("ProducerConfig") && c.contains("transactional.id = scram-it-dlq"))
                .anyMatch(c -> c.startsWith("AdminClientConfig"));
        assertThat(KafkaClientConfigs.lacking(configs, scram.expectedClientSettings())).isEmpty();
        assertThat(text).doesNotContain("Authentication failed");
    }

    @Test
    void withAWrongPasswordTheJobCannotAuthenticateAndWritesNothing() throws Exception {
        Map<String, String> env = kafka.saslEnvironmentWithWrongPassword();
        Path log = TARGET.resolve("flink-job-scram-refused.log");
        Process job = startJob(env, "scram-out-refused", "scram-dlq-refused", log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(log).contains("SaslAuthenticationException") && job.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(Files.readString(log)).contains("SaslAuthenticationException: Authentication failed during authentication "
                    + "due to invalid credentials with SASL mechanism SCRAM-SHA-512");
        } finally {
            job.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Map<String, Object> props = new HashMap<>(kafka.saslClientProperties());
        props.put("group.id", "scram-it-verify-refused");
        props.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("scram-out-refused", "scram-dlq-refused"));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertThat(records).isEmpty();
        }
    }

    /** java -jar flink-job-local.jar --local --bounded over scram-in, Kafka address and security from {@code env} only. */
    static Process startJob(Map<String, String> env, String output, String dlq, Path log) throws java.io.IOException {
        String run = output.replace("scram-out", "scram-it");
        return scram.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                // only to see the clients' configurations in the log; the job itself gets nothing but environment
                "-Dlog4j2.configurationFile=" + TARGET.resolve("test-classes/log4j2-scram-it.xml").toAbsolutePath(),
                "-jar", TARGET.resolve("flink-job-local.jar").toString(),
                "--local", "--bounded", "--web-ui-port", Integer.toString(ScramProcesses.freePort()),
                "--input-topic", "scram-in", "--output-topic", output, "--dlq-topic", dlq,
                "--group-id", run, "--transactional-id-prefix", run, "--starting-offsets", "earliest",
                "--window-size", "10s", "--out-of-orderness", "2s", "--parallelism", "1", "--checkpoint-interval", "1s",
                "--checkpoint-dir", Files.createTempDirectory("scram-it-checkpoints").toUri().toString()),
                env, log, "KAFKA_");
    }
}
