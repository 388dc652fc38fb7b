package io.fingerprint.saver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.fingerprint.httptestkit.HttpCorpus;
import io.fingerprint.kafkalocal.FromTestResource;
import io.fingerprint.kafkalocal.KafkaLocal;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The malformed fingerprints of {@code corpus/bad-fingerprints.tsv} sent through the real broker
 * among good ones: every good fingerprint is saved, exactly once and complete; every bad one reaches
 * the dead-letter topic byte for byte with its reason and is counted; the consumer keeps going.
 */
@QuarkusTest
@QuarkusTestResource(SaverTopicsResource.class)
class BadFingerprintCorpusTest {

    static final String CORPUS = "/corpus/bad-fingerprints.tsv";
    private static final long MINUTE = 60_000;
    /** Far from the equipment of JoinKafkaTest (7000…) and FingerprintApiTest (9101…). */
    private static final long FIRST_EQUIP = 8100;

    record Bad(int line, String reason, byte[] payload) {
        @Override
        public String toString() {
            return "line " + line + " (" + reason + ")";
        }
    }

    @FromTestResource("saver.sensor-topic")
    String sensorTopic;
    @FromTestResource("saver.fingerprint-topic")
    String fingerprintTopic;
    @FromTestResource("saver.dlq-topic")
    String dlqTopic;
    @FromTestResource("saver.output-dir")
    String outputDir;
    @FromTestResource("mp.messaging.incoming.fingerprints.group.id")
    String group;

    static List<Bad> corpus() {
        List<Bad> bad = new ArrayList<>();
        try (InputStream in = BadFingerprintCorpusTest.class.getResourceAsStream(CORPUS)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank() || lines[i].startsWith("#")) {
                    continue;
                }
                int tab = lines[i].indexOf('\t');
                bad.add(new Bad(i + 1, lines[i].substring(0, tab), HttpCorpus.unescape(lines[i].substring(tab + 1))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bad;
    }

    @Test
    void everyBadFingerprintIsDeadLetteredWithItsReasonAndEveryGoodOneIsSavedOnce() throws Exception {
        List<Bad> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(15);
        double dlqBefore = SaverView.metric("saver_fingerprints_dlq_total");
        double savedBefore = SaverView.metric("saver_fingerprints_saved_total");
        long start = (System.currentTimeMillis() / MINUTE - 12) * MINUTE;
        long end = start + MINUTE;

        Map<String, Bad> sentBad = new LinkedHashMap<>(); // partition@offset -> corpus line
        List<String> sentGood = new ArrayList<>(); // partition@offset
        Map<String, String> expectedFiles = new LinkedHashMap<>(); // uuid -> whole saved document
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            long equip = FIRST_EQUIP;
            for (int i = 0; i < corpus.size(); i++) {
                if (i % 4 == 0) {
                    sentGood.add(sendGood(producer, equip++, start, end, i % 2, expectedFiles));
                }
                RecordMetadata at = producer.send(new ProducerRecord<>(fingerprintTopic, i % 2, end, null, corpus.get(i).payload()))
                        .get(30, TimeUnit.SECONDS);
                sentBad.put(at.partition() + "@" + at.offset(), corpus.get(i));
            }
            sentGood.add(sendGood(producer, equip, start, end, 1, expectedFiles)); // the stream goes on after the last bad one
        }

        Path dir = Path.of(outputDir);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(expectedFiles.keySet()).allSatisfy(uuid -> assertThat(filesOf(dir, uuid)).hasSize(1)));
        for (Map.Entry<String, String> e : expectedFiles.entrySet()) {
            assertThat(Files.readString(filesOf(dir, e.getKey()).get(0))).as(e.getKey()).isEqualTo(e.getValue());
        }

        Map<String, ConsumerRecord<byte[], byte[]>> dead = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            for (ConsumerRecord<byte[], byte[]> r : readAll(dlqTopic)) {
                if (fingerprintTopic.equals(header(r, "dead-letter-topic"))) {
                    dead.put(header(r, "dead-letter-partition") + "@" + header(r, "dead-letter-offset"), r);
                }
            }
            assertThat(dead.keySet()).containsAll(sentBad.keySet()).doesNotContainAnyElementsOf(sentGood);
        });
        for (Map.Entry<String, Bad> e : sentBad.entrySet()) {
            Bad bad = e.getValue();
            ConsumerRecord<byte[], byte[]> r = dead.get(e.getKey());
            assertThat(r.value()).as(bad + ": the raw payload").isEqualTo(bad.payload());
            assertThat(header(r, "dead-letter-reason")).as(bad.toString()).contains(bad.reason()).doesNotContain("\n");
        }

        assertThat(SaverView.metric("saver_fingerprints_dlq_total") - dlqBefore)
                .as("dead-lettered fingerprints counted").isEqualTo(corpus.size());
        assertThat(SaverView.metric("saver_fingerprints_saved_total") - savedBefore)
                .as("each good fingerprint saved exactly once").isEqualTo(expectedFiles.size());
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString("saver_fingerprints_dlq_total"));
        // The channel never failed: liveness and readiness (which includes the fingerprints channel) are UP.
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains("passwd") || n.contains("..") || n.startsWith(".tmp-"));
        }
    }

    /**
     * A malformed payload just under 1 MiB fits fingerprint-output (the broker takes 1 MiB + 12
     * bytes) but not the dead-letter topic once the DLQ headers are added (the producer takes 1 MiB).
     * It used to end the fingerprint stream for good; now it is logged, counted and skipped, and what
     * follows is dead-lettered and saved as usual, its offset committed.
     */
    @Test
    void aMalformedFingerprintTooLargeForTheDeadLetterTopicIsCountedAndSkippedAndTheStreamGoesOn() throws Exception {
        double failedBefore = SaverView.metric("saver_fingerprints_dlq_failed_total");
        long start = (System.currentTimeMillis() / MINUTE - 13) * MINUTE;
        byte[] huge = new byte[1_048_300];
        java.util.Arrays.fill(huge, (byte) 'x');
        Map<String, String> expectedFiles = new LinkedHashMap<>();
        RecordMetadata hugeAt;
        RecordMetadata smallAt;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            hugeAt = producer.send(new ProducerRecord<>(fingerprintTopic, 0, start + MINUTE, null, huge)).get(30, TimeUnit.SECONDS);
            smallAt = producer.send(new ProducerRecord<>(fingerprintTopic, 0, start + MINUTE, null,
                    "not JSON".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            sendGood(producer, FIRST_EQUIP + 99, start, start + MINUTE, 0, expectedFiles);
        }

        Path dir = Path.of(outputDir);
        String uuid = expectedFiles.keySet().iterator().next();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> filesOf(dir, uuid).size() == 1);
        assertThat(Files.readString(filesOf(dir, uuid).get(0))).isEqualTo(expectedFiles.get(uuid));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(readAll(dlqTopic).stream().filter(r -> fingerprintTopic.equals(header(r, "dead-letter-topic"))
                        && "0".equals(header(r, "dead-letter-partition"))).map(r -> header(r, "dead-letter-offset")))
                        .contains(Long.toString(smallAt.offset())).doesNotContain(Long.toString(hugeAt.offset())));
        assertThat(SaverView.metric("saver_fingerprints_dlq_failed_total") - failedBefore).isEqualTo(1.0);
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        // Skipped means acknowledged: commits go past it (the throttled strategy commits every 5 s).
        long goodOffset = smallAt.offset() + 1;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> committed(0) > goodOffset);
    }

    private long committed(int partition) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.<String, Object>of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaLocal.shared().bootstrapServers()))) {
            var at = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .get(new TopicPartition(fingerprintTopic, partition));
            return at == null ? 0 : at.offset();
        }
    }

    /** Two readings of the window on both partitions, then the fingerprint computed from them, naming them. */
    private String sendGood(KafkaProducer<byte[], byte[]> producer, long equip, long start, long end, int partition,
                            Map<String, String> expectedFiles) throws Exception {
        String r1 = Json.reading(equip, start + 1_000);
        String r2 = Json.reading(equip, start + 30_000);
        long at0 = producer.send(new ProducerRecord<>(sensorTopic, 0, start + 1_000, null, r1.getBytes(StandardCharsets.UTF_8)))
                .get(30, TimeUnit.SECONDS).offset();
        long at1 = producer.send(new ProducerRecord<>(sensorTopic, 1, start + 30_000, null, r2.getBytes(StandardCharsets.UTF_8)))
                .get(30, TimeUnit.SECONDS).offset();
        String uuid = Json.uuid(equip, start, end);
        String fingerprint = Json.fingerprintObject(uuid, equip, start, end,
                Json.range(sensorTopic, 0, at0, at0, 1), Json.range(sensorTopic, 1, at1, at1, 1));
        RecordMetadata at = producer.send(new ProducerRecord<>(fingerprintTopic, partition, end, null,
                Json.message(fingerprint).getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        expectedFiles.put(uuid, "{\"fingerprint\":" + fingerprint + ",\"joined_by\":\"lineage\",\"input_records\":[" + r1 + "," + r2
                + "],\"input_count\":2,\"complete\":true}");
        return at.partition() + "@" + at.offset();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaLocal.shared().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    /** Every record of the topic so far, raw (a String deserializer would mangle the binary payloads). */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaLocal.shared().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<Path> filesOf(Path dir, String uuid) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(uuid + "_")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
