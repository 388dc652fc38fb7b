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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
            // ready (Topics) includes the leader serving each partition, so its log folder is there
            assertThat(Files.isDirectory(dataDir.resolve("probe-0"))).isTrue();
            assertThat(Files.isDirectory(dataDir.resolve("probe-1"))).isTrue();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(canConnect(bootstrap)).isFalse();
    }

    @Test
    void aFreshBrokersGroupCoordinatorTakesTheFirstCommit() throws Exception {
        try (KafkaLocal kafka = KafkaLocal.builder().topic("first-commit", 1).start()) {
            // as Flink's Kafka source commits on a checkpoint: asynchronously, and a retriable error is reported, not retried
            Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", "first-group",
                    "key.deserializer", StringDeserializer.class.getName(),
                    "value.deserializer", StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                TopicPartition partition = new TopicPartition("first-commit", 0);
                consumer.assign(List.of(partition));
                CompletableFuture<Exception> committed = new CompletableFuture<>();
                consumer.commitAsync(Map.of(partition, new OffsetAndMetadata(0)), (offsets, e) -> committed.complete(e));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!committed.isDone() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(100)); // runs the commit's callback
                }
                assertThat(committed).isDone();
                assertThat(committed.get()).isNull();
            }
        }
    }

    @Test
    void createdTopicsHaveLeadersThatServeThemWhenCreateReturns() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", KafkaLocal.shared().bootstrapServers()))) {
            Topics.create(admin, Duration.ofSeconds(30), Topics.topic("ready-three", 3), Topics.topic("ready-one", 1));
            Map<String, TopicDescription> described = admin.describeTopics(List.of("ready-three", "ready-one"))
                    .allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(described.get("ready-three").partitions()).hasSize(3);
            assertThat(described.get("ready-one").partitions()).hasSize(1);
            described.values().forEach(d -> d.partitions().forEach(p -> assertThat(p.leader()).isNotNull()
                    .satisfies(leader -> assertThat(leader.isEmpty()).isFalse())));
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                ends.put(new TopicPartition("ready-three", p), OffsetSpec.latest());
            }
            // the leaders answer at once: a short timeout, no retries needed
            assertThat(admin.listOffsets(ends, new ListOffsetsOptions().timeoutMs(2_000)).all().get(5, TimeUnit.SECONDS))
                    .hasSize(3);

            // ensure keeps what exists and waits for it too; create insists on new topics
            Topics.ensure(admin, Duration.ofSeconds(30), Topics.topic("ready-three", 1), Topics.topic("ready-new", 2));
            assertThat(admin.describeTopics(List.of("ready-three")).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get("ready-three").partitions()).hasSize(3);
            IllegalStateException exists = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> Topics.create(admin, Duration.ofSeconds(30), Topics.topic("ready-one", 1)));
            assertThat(exists).hasMessageStartingWith("cannot create topic 'ready-one' (1 partition, replication factor 1): ")
                    .hasMessageContaining("TopicExistsException");
        }
    }

    @Test
    void anImpossibleTopicFailsClearlyWithinTheBound() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", KafkaLocal.shared().bootstrapServers()))) {
            long start = System.nanoTime();
            IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> Topics.create(admin, Duration.ofSeconds(20), new NewTopic("three-replicas", 2, (short) 3)));
            // refused by the controller: no retry can help, so it fails at once, not at the bound
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(refused).hasMessageStartingWith(
                            "cannot create topic 'three-replicas' (2 partitions, replication factor 3): InvalidReplicationFactorException: ")
                    .hasMessageContaining("1 broker");

            // a topic that never comes: retried until the bound, then named with what was missing
            start = System.nanoTime();
            IllegalStateException missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> Topics.awaitReady(admin, Duration.ofSeconds(2), "never-created"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1_500)).isLessThan(Duration.ofSeconds(6));
            assertThat(missing).hasMessageStartingWith("topic 'never-created' not ready within 2 s: UnknownTopicOrPartitionException: ");
        }
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
