package io.fingerprint.kafkalocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaLocalTest {

    @Test
    void startsAnswersAndLeavesNoProcess(@TempDir Path dataDir) throws Exception {
        long pid;
        String bootstrap;
        try (KafkaLocal kafka = KafkaLocal.builder().dataDir(dataDir).topic("probe", 2).start()) {
            pid = kafka.pid();
            bootstrap = kafka.bootstrapServers();
            assertThat(bootstrap).startsWith("localhost:");
            assertThat(canConnect(bootstrap)).isTrue();
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, kafka::saslBootstrapServers);
            // storage was formatted in the given folder and the topic's partitions exist there
            assertThat(Files.exists(dataDir.resolve("meta.properties"))).isTrue();
            // the broker creates a partition's log folder as it applies the topic's metadata, just after creation returns
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!(Files.isDirectory(dataDir.resolve("probe-0")) && Files.isDirectory(dataDir.resolve("probe-1")))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.isDirectory(dataDir.resolve("probe-0"))).isTrue();
            assertThat(Files.isDirectory(dataDir.resolve("probe-1"))).isTrue();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(canConnect(bootstrap)).isFalse();
    }

    @Test
    void restartsOnAKeptFolder(@TempDir Path dataDir) {
        try (KafkaLocal first = KafkaLocal.builder().dataDir(dataDir).topic("kept", 1).start()) {
            assertThat(first.isAlive()).isTrue();
        }
        try (KafkaLocal second = KafkaLocal.builder().dataDir(dataDir).start()) {
            assertThat(second.isAlive()).isTrue();
            assertThat(Files.isDirectory(dataDir.resolve("kept-0"))).isTrue();
        }
    }

    @Test
    void aScramListenerLetsTheUserInAndRefusesAWrongPassword() throws Exception {
        try (KafkaLocal kafka = KafkaLocal.builder().scram("alice", "s3cret \"quoted\" \\ pass").topic("secured", 1).start()) {
            assertThat(kafka.saslBootstrapServers()).startsWith("localhost:").isNotEqualTo(kafka.bootstrapServers());
            assertThat(kafka.saslEnvironment()).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", kafka.saslBootstrapServers());

            Map<String, Object> producer = new HashMap<>(kafka.saslClientProperties());
            producer.put("key.serializer", StringSerializer.class.getName());
            producer.put("value.serializer", StringSerializer.class.getName());
            try (KafkaProducer<String, String> p = new KafkaProducer<>(producer)) {
                p.send(new ProducerRecord<>("secured", "k", "through SCRAM")).get(30, TimeUnit.SECONDS);
            }
            Map<String, Object> consumer = new HashMap<>(kafka.saslClientProperties());
            consumer.put("group.id", "scram-test");
            consumer.put("auto.offset.reset", "earliest");
            consumer.put("key.deserializer", StringDeserializer.class.getName());
            consumer.put("value.deserializer", StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumer)) {
                c.subscribe(List.of("secured"));
                List<String> values = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                        values.add(r.value());
                    }
                }
                assertThat(values).containsExactly("through SCRAM");
            }

            Map<String, Object> wrong = new HashMap<>(kafka.saslClientProperties());
            wrong.put("sasl.jaas.config", KafkaLocal.scramJaasConfig("alice", "wrong"));
            try (Admin admin = Admin.create(wrong)) {
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
                assertThat(e.getCause()).isInstanceOf(SaslAuthenticationException.class);
            }
            // a client that does not speak SASL gets nothing from the SCRAM listener
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.saslBootstrapServers(),
                    "default.api.timeout.ms", 3000, "request.timeout.ms", 2000))) {
                org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                        () -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS));
            }
        }
    }

    private static boolean canConnect(String bootstrap) {
        String[] hostPort = bootstrap.split(":");
        try (Socket ignored = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
