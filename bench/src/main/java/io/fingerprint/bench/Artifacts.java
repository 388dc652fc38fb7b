package io.fingerprint.bench;

import io.fingerprint.kafkalocal.KafkaLocal;
import io.fingerprint.kafkalocal.Topics;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Where the packaged parts are, the classpath of Kafka's tools, and a few topic helpers. */
final class Artifacts {

    static final String GENERATOR = "generator-service/target/quarkus-app/quarkus-run.jar";
    static final String SAVER = "saver-service/target/quarkus-app/quarkus-run.jar";
    static final String JOB = "flink-job/target/flink-job-local.jar";

    private Artifacts() {
    }

    /** The repository's root: the working directory of bench/run.sh, or above the bench module in Maven's tests. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("bench")) && Files.isDirectory(d.resolve("generator-service"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + dir);
    }

    static Path jar(String relative) {
        Path jar = root().resolve(relative);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(relative + " is missing: bench/run.sh builds it (./mvnw -pl bench -am install -DskipTests)");
        }
        return jar;
    }

    static Path logDir(String run) {
        return root().resolve("bench/target/logs/" + run);
    }

    /**
     * Kafka's ProducerPerformance with the broker's own jars (kafka-clients 4.1.1 and the rest of
     * kafka-local's classpath), not with this JVM's classpath, where Flink's kafka-clients 4.2.0 is.
     */
    static String kafkaToolsClasspath() {
        try {
            Class<?> tool = Class.forName("org.apache.kafka.tools.ProducerPerformance", false, Artifacts.class.getClassLoader());
            String toolsJar = Path.of(tool.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            String kafkaLocal = Path.of(KafkaLocal.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            try (InputStream in = KafkaLocal.class.getResourceAsStream("broker-classpath.txt")) {
                if (in == null) {
                    throw new IllegalStateException("kafka-local's broker-classpath.txt is missing: build kafka-local first");
                }
                String broker = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                return toolsJar + File.pathSeparator + kafkaLocal + File.pathSeparator + broker;
            }
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("kafka-tools is not on the classpath", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the topics (name → partitions, one replica); they are ready when it returns ({@link Topics}). */
    static void createTopics(String bootstrap, Map<String, Integer> topics) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            Topics.create(admin, Duration.ofSeconds(30),
                    topics.entrySet().stream().map(t -> Topics.topic(t.getKey(), t.getValue())).toList());
        }
    }

    /** The sum of the topic's end offsets: its number of records when nothing was written in transactions. */
    static long records(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> query = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                query.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long sum = 0;
            for (var e : admin.listOffsets(query).all().get(30, TimeUnit.SECONDS).values()) {
                sum += e.offset();
            }
            return sum;
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println("[bench] could not delete " + dir + ": " + e.getMessage());
        }
    }
}
