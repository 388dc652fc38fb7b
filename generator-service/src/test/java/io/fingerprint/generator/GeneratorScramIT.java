package io.fingerprint.generator;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged generator against a broker whose only address it is given accepts nothing but
 * SCRAM-SHA-512 logins, configured through environment variables alone (KAFKA_SECURITY_PROTOCOL,
 * KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG), as in a container: one instance with the right
 * password, one with a wrong one, started side by side; and a third given an address where no broker
 * listens at all.
 */
class GeneratorScramIT {

    static final String TOPIC = "scram-readings";
    static final String REFUSED_TOPIC = "scram-readings-refused";
    static final Path TARGET = Path.of("target");

    static ScramProcesses scram;
    static int goodPort;
    static int refusedPort;
    static int noBrokerPort;

    @BeforeAll
    static void startBrokerAndBothGenerators() throws Exception {
        scram = ScramProcesses.start(KafkaLocal.builder().scram().topic(TOPIC, 1).topic(REFUSED_TOPIC, 1), TARGET);

        Map<String, String> good = scram.environment();
        good.put("SENSOR_DATA_TOPIC", TOPIC);
        goodPort = freePort();
        start(good, goodPort, TARGET.resolve("generator-scram.log"));

        Map<String, String> refused = scram.kafka().saslEnvironmentWithWrongPassword();
        refused.put("SENSOR_DATA_TOPIC", REFUSED_TOPIC);
        refusedPort = freePort();
        start(refused, refusedPort, TARGET.resolve("generator-scram-refused.log"));

        noBrokerPort = freePort();
        start(Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:1", "SENSOR_DATA_TOPIC", TOPIC), // port 1: nothing listens
                noBrokerPort, TARGET.resolve("generator-no-broker.log"));
    }

    @AfterAll
    static void stopAll() {
        if (scram != null) {
            scram.close();
        }
    }

    @Test
    void withTheUsersPasswordItIsReadyAndItsReadingsArriveThroughTheScramListener() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(goodPort, "/q/health/ready").statusCode() == 200);

        List<ConsumerRecord<String, String>> records = read(TOPIC, 20, Duration.ofSeconds(30));
        assertThat(records).hasSizeGreaterThanOrEqualTo(20);
        assertThat(records).allSatisfy(r -> assertThat(r.value()).startsWith("{\"equip_id\":" + r.key() + ","));
        assertThat(get(goodPort, "/generator").body()).doesNotContain("\"sent\":0,");

        // every Kafka client it made (the channel's producer, the health check's admin client) got exactly what the environment said
        String log = Files.readString(TARGET.resolve("generator-scram.log"));
        List<String> configs = KafkaClientConfigs.logged(log);
        assertThat(configs).anyMatch(c -> c.startsWith("ProducerConfig") && c.contains("client.id = kafka-producer-sensor-data"))
                .anyMatch(c -> c.startsWith("AdminClientConfig"));
        assertThat(KafkaClientConfigs.lacking(configs, scram.expectedClientSettings())).isEmpty();
        assertThat(KafkaClientConfigs.lacking(configs, List.of("ssl.truststore.password = [hidden]"))).isEmpty();
        assertThat(log).doesNotContain("Authentication failed");
    }

    @Test
    void withAWrongPasswordAuthenticationFailsReadinessIsDownAndNothingIsSent() throws Exception {
        Path log = TARGET.resolve("generator-scram-refused.log");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readString(log).contains("Listening on"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readString(log).contains("Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"));
        Response ready = get(refusedPort, "/q/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        assertThat(ready.body()).contains("\"status\": \"DOWN\"");
        assertThat(get(refusedPort, "/generator").body()).contains("\"sent\":0,");
        assertThat(read(REFUSED_TOPIC, 1, Duration.ofSeconds(2))).isEmpty();
    }

    /** No broker: it still starts and serves its API (an operator can see why), readiness is DOWN, nothing is sent. */
    @Test
    void withNoBrokerAtItsAddressItServesItsApiAndReadinessIsDown() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(noBrokerPort, "/q/health/live").statusCode() == 200);
        Response ready = get(noBrokerPort, "/q/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        assertThat(ready.body()).contains("\"status\": \"DOWN\"");
        assertThat(get(noBrokerPort, "/generator").body()).contains("\"sent\":0,");
    }

    static List<ConsumerRecord<String, String>> read(String topic, int atLeast, Duration timeout) {
        Map<String, Object> props = new HashMap<>(scram.kafka().saslClientProperties());
        props.put("group.id", "scram-it-" + topic);
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    static void start(Map<String, String> env, int port, Path log) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        all.put("GENERATOR_READINGS_PER_SECOND", "50");
        scram.start(PackagedService.command(TARGET, "-Xmx128m",
                // only to see the client's configuration in the log; the service itself gets nothing but environment
                "-Dquarkus.log.category.\"org.apache.kafka.common.config.AbstractConfig\".level=INFO"),
                all, log, "KAFKA_", "GENERATOR_");
    }
}
