package io.fingerprint.saver;

import static io.fingerprint.httptestkit.HttpProbe.get;
import static io.fingerprint.kafkalocal.ScramProcesses.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fingerprint.httptestkit.HttpProbe.Response;
import io.fingerprint.httptestkit.PackagedService;
import io.fingerprint.kafkalocal.KafkaClientConfigs;
import io.fingerprint.kafkalocal.KafkaLocal;
import io.fingerprint.kafkalocal.ScramProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged saver against a broker whose only address it is given accepts nothing but
 * SCRAM-SHA-512 logins, configured through environment variables alone (KAFKA_SECURITY_PROTOCOL,
 * KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG), as in a container: every client it makes (the
 * fingerprint channel, its dead-letter producer, the sensor-data reader, the admin client) logs in.
 * A second saver with a wrong password, started beside it, is refused.
 */
class SaverScramIT {

    static final String SENSOR = "scram-sensor-data";
    static final String FINGERPRINTS = "scram-fingerprints";
    static final long[] EQUIPMENT = {110, 111, 112};
    static final int READINGS = 10;
    static final long MINUTE = 60_000;
    static final Path TARGET = Path.of("target");
    static final Path LOG = TARGET.resolve("saver-scram.log");
    static final Path REFUSED_LOG = TARGET.resolve("saver-scram-refused.log");

    static ScramProcesses scram;
    static KafkaLocal kafka;
    static Path output;
    static Path refusedOutput;
    static int port;
    static int refusedPort;

    @BeforeAll
    static void startBrokerAndBothSavers() throws Exception {
        scram = ScramProcesses.start(KafkaLocal.builder().scram().topic(SENSOR, 1).topic(FINGERPRINTS, 1)
                .topic("scram-dlq", 1).topic("scram-dlq-refused", 1), TARGET);
        kafka = scram.kafka();
        output = Files.createTempDirectory("saver-scram-");
        refusedOutput = Files.createTempDirectory("saver-scram-refused-");

        Map<String, String> env = scram.environment();
        env.put("SAVER_GROUP_ID", "saver-scram");
        env.put("FINGERPRINT_DLQ_TOPIC", "scram-dlq");
        env.put("SAVER_OUTPUT_DIR", output.toString());
        port = freePort();
        start(env, port, LOG);

        Map<String, String> refused = kafka.saslEnvironmentWithWrongPassword();
        refused.put("SAVER_GROUP_ID", "saver-scram-refused");
        refused.put("FINGERPRINT_DLQ_TOPIC", "scram-dlq-refused");
        refused.put("SAVER_OUTPUT_DIR", refusedOutput.toString());
        refusedPort = freePort();
        start(refused, refusedPort, REFUSED_LOG);
    }

    @AfterAll
    static void stopAll() {
        if (scram != null) {
            scram.close();
        }
    }

    @Test
    void withTheUsersPasswordItJoinsSavesAndCommitsThroughTheScramListener() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(port, "/q/health/ready").statusCode() == 200);

        long start = (System.currentTimeMillis() / MINUTE - 5) * MINUTE;
        try (KafkaProducer<String, String> p = new KafkaProducer<>(kafka.saslClientProperties(), new StringSerializer(), new StringSerializer())) {
            for (long equip : EQUIPMENT) {
                for (int i = 0; i < READINGS; i++) {
                    long t = start + i * (MINUTE / READINGS);
                    p.send(new ProducerRecord<>(SENSOR, 0, t, Long.toString(equip), Json.reading(equip, t)));
                }
            }
            p.flush();
            for (long equip : EQUIPMENT) {
                String uuid = Json.uuid(equip, start, start + MINUTE);
                p.send(new ProducerRecord<>(FINGERPRINTS, 0, start + MINUTE, Long.toString(equip),
                        Json.message(Json.fingerprintObject(uuid, equip, start, start + MINUTE))));
            }
            p.flush();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> savedFiles(output).size() == EQUIPMENT.length);
        for (Path file : savedFiles(output)) {
            assertThat(Files.readString(file)).as(file.getFileName().toString())
                    .endsWith(",\"input_count\":" + READINGS + ",\"complete\":true}");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> committed("saver-scram") == EQUIPMENT.length);

        // every Kafka client the saver made got exactly what the environment said
        String log = Files.readString(LOG);
        List<String> configs = KafkaClientConfigs.logged(log);
        assertThat(configs).as("client configurations logged").hasSizeGreaterThanOrEqualTo(4);
        assertThat(configs).as("the fingerprint channel, its dead-letter producer, the sensor-data reader, an admin client")
                .anyMatch(c -> c.startsWith("ConsumerConfig") && c.contains("group.id = saver-scram"))
                .anyMatch(c -> c.startsWith("ProducerConfig") && c.contains("client.id = kafka-dead-letter-topic-producer"))
                .anyMatch(c -> c.startsWith("ConsumerConfig") && c.contains("client.id = saver-sensor-reader"))
                .anyMatch(c -> c.startsWith("AdminClientConfig"));
        assertThat(KafkaClientConfigs.lacking(configs, scram.expectedClientSettings())).isEmpty();
        assertThat(log).doesNotContain("Authentication failed");
    }

    @Test
    void withAWrongPasswordAuthenticationFailsAndReadinessIsDown() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readString(REFUSED_LOG).contains("Authentication failed during authentication due to "
                        + "invalid credentials with SASL mechanism SCRAM-SHA-512"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(refusedPort, "/q/health/ready").statusCode() != -1);
        Response ready = get(refusedPort, "/q/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        assertThat(ready.body()).contains("\"status\": \"DOWN\"");
        assertThat(savedFiles(refusedOutput)).isEmpty();
        assertThat(committed("saver-scram-refused")).isZero();
    }

    static long committed(String group) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .entrySet().stream().filter(e -> e.getKey().topic().equals(FINGERPRINTS) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    static List<Path> savedFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("[0-9a-f-]{36}_\\d+_\\d+\\.json")).toList();
        }
    }

    static void start(Map<String, String> env, int httpPort, Path log) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("SAVER_HTTP_PORT", Integer.toString(httpPort));
        all.put("SENSOR_DATA_TOPIC", SENSOR);
        all.put("FINGERPRINT_TOPIC", FINGERPRINTS);
        scram.start(PackagedService.command(TARGET, "-Xmx192m",
                // only to see the clients' configurations in the log; the service itself gets nothing but environment
                "-Dquarkus.log.category.\"org.apache.kafka.common.config.AbstractConfig\".level=INFO"),
                all, log, "KAFKA_", "SAVER_");
    }
}
