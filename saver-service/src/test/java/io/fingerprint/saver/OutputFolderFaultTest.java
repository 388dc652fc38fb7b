package io.fingerprint.saver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fingerprint.kafkalocal.FromTestResource;
import io.fingerprint.kafkalocal.KafkaLocal;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fault 5 of the reliability issue on a real file system: the saver's output folder is a 1 MiB
 * tmpfs ({@link TmpfsOutputResource}) that the tests fill up (ENOSPC) or remount read-only (EROFS;
 * chmod would not stop root) while a fingerprint arrives through Kafka. Readiness goes DOWN, the
 * fingerprint's offset stays uncommitted, nothing half-written is listed, served or left behind;
 * once the folder takes writes again the file is written exactly once, complete, the offset is
 * committed and readiness is UP again.
 */
@QuarkusTest
@TestProfile(OutputFolderFaultTest.OnTmpfs.class)
class OutputFolderFaultTest {

    /** Its own application: the output folder is a fresh tmpfs, commits every 500 ms (not 5 s). */
    public static class OnTmpfs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.fingerprints.auto.commit.interval.ms", "500");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TmpfsOutputResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true; // SaverTopicsResource of the other classes: TmpfsOutputResource does its work
        }
    }

    private static final long MINUTE = 60_000;
    private static final AtomicLong NEXT_EQUIP = new AtomicLong(8600);

    @FromTestResource(TmpfsOutputResource.REFUSAL)
    String refusal;
    @FromTestResource("saver.sensor-topic")
    String sensorTopic;
    @FromTestResource("saver.fingerprint-topic")
    String fingerprintTopic;
    @FromTestResource("mp.messaging.incoming.fingerprints.group.id")
    String group;
    @FromTestResource("saver.output-dir")
    String outputDir;

    /** A fingerprint sent: where it is in fingerprint-output and the document it must become. */
    record Sent(String uuid, long offset, String document) {
    }

    @BeforeEach
    void onTmpfs() {
        assumeTrue("none".equals(refusal), refusal);
    }

    @Test
    void aFullFolderTurnsReadinessDownCommitsNothingAndTheFileIsWrittenOnceThereIsRoomAgain() throws Exception {
        awaitSavedAndCommitted(send()); // commits do happen in this application, every 500 ms
        double savedBefore = saved();
        Path filler = Path.of(outputDir).resolve("filler.bin");
        Sent sent;
        try {
            fill(filler);
            sent = send();

            awaitOutputFolderDown("No space left on device", sent);
            assertNothingCommittedListedOrServed(sent);
        } finally {
            Files.deleteIfExists(filler);
        }

        awaitWrittenOnceCompleteAndCommitted(sent, savedBefore);
    }

    @Test
    void aReadOnlyFolderTurnsReadinessDownCommitsNothingAndTheFileIsWrittenOnceItIsWritableAgain() throws Exception {
        awaitSavedAndCommitted(send());
        double savedBefore = saved();
        String dir = outputDir;
        Sent sent;
        remount(dir, "ro");
        try {
            sent = send();

            awaitOutputFolderDown("Read-only file system", sent);
            assertNothingCommittedListedOrServed(sent);
        } finally {
            remount(dir, "rw");
        }

        awaitWrittenOnceCompleteAndCommitted(sent, savedBefore);
    }

    private void awaitOutputFolderDown(String cause, Sent sent) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'output-folder' }.status", equalTo("DOWN"));
            // The write itself failed (not only the probe), for this fingerprint and for this reason.
            assertThat(SaverView.failedWrite()).contains(sent.uuid()).contains(cause);
        });
    }

    /** While the folder fails: the offset stays where it was for a while, and no trace of the file anywhere. */
    private void assertNothingCommittedListedOrServed(Sent sent) {
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> committed() == sent.offset());
        given().get("/fingerprints/" + sent.uuid()).then().statusCode(404);
        given().get("/fingerprints?equip_id=" + equipOf(sent)).then().statusCode(200).body("items.size()", equalTo(0));
        // Between two attempts no temporary file is left (one may exist for the instant of an attempt).
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> tempFiles().isEmpty());
        assertThat(filesOf(sent.uuid())).isEmpty();
    }

    private void awaitWrittenOnceCompleteAndCommitted(Sent sent, double savedBefore) throws IOException {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() -> !filesOf(sent.uuid()).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() == sent.offset() + 1);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        List<Path> files = filesOf(sent.uuid());
        assertThat(files).hasSize(1);
        assertThat(Files.readString(files.get(0))).isEqualTo(sent.document());
        assertThat(saved() - savedBefore).as("written exactly once").isEqualTo(1.0);
        assertThat(tempFiles()).isEmpty();
        given().get("/fingerprints/" + sent.uuid()).then().statusCode(200).body("complete", equalTo(true));
    }

    private void awaitSavedAndCommitted(Sent sent) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> !filesOf(sent.uuid()).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() == sent.offset() + 1);
    }

    /** Two readings of a window 20 minutes ago on both partitions, then its fingerprint on partition 0. */
    private Sent send() throws Exception {
        long equip = NEXT_EQUIP.getAndIncrement();
        long start = (System.currentTimeMillis() / MINUTE - 20) * MINUTE;
        long end = start + MINUTE;
        String r1 = Json.reading(equip, start + 5);
        String r2 = Json.reading(equip, end - 5);
        String uuid = Json.uuid(equip, start, end);
        String fingerprint;
        try (TestKafka kafka = new TestKafka()) {
            long at0 = kafka.send(sensorTopic, 0, start + 5, r1);
            long at1 = kafka.send(sensorTopic, 1, end - 5, r2);
            fingerprint = Json.fingerprintObject(uuid, equip, start, end,
                    Json.range(sensorTopic, 0, at0, at0, 1), Json.range(sensorTopic, 1, at1, at1, 1));
            kafka.send(fingerprintTopic, 0, end, Json.message(fingerprint));
        }
        long offset = offsetOf(uuid);
        return new Sent(uuid, offset, "{\"fingerprint\":" + fingerprint + ",\"joined_by\":\"lineage\",\"input_records\":[" + r1 + "," + r2
                + "],\"input_count\":2,\"complete\":true}");
    }

    /** Partition 0 of fingerprint-output holds only this test's fingerprints, in order. */
    private long offsetOf(String uuid) {
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records = TestKafka.readAll(fingerprintTopic);
        return records.stream().filter(r -> r.partition() == 0 && r.value().contains(uuid))
                .mapToLong(org.apache.kafka.clients.consumer.ConsumerRecord::offset).findFirst().orElseThrow();
    }

    private String equipOf(Sent sent) {
        String document = sent.document();
        int at = document.indexOf("\"equip_id\":\"") + 12;
        return document.substring(at, document.indexOf('"', at));
    }

    /** The consumer group's committed offset on partition 0 (0 before any commit). */
    private long committed() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaLocal.shared().bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            OffsetAndMetadata at = offsets.get(new TopicPartition(fingerprintTopic, 0));
            return at == null ? 0 : at.offset();
        }
    }

    private double saved() {
        return SaverView.metric("saver_fingerprints_saved_total");
    }

    /** Fills the file system: writes until it says there is no space left. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 1024; i++) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("No space left on device");
            return;
        }
        throw new AssertionError("64 MiB written to a " + TmpfsOutputResource.SIZE + " tmpfs without running out of space");
    }

    /** Retried for a moment: going read-only is refused while a file is open for writing (a write attempt). */
    private static void remount(String dir, String mode) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            TmpfsOutputResource.Result result = TmpfsOutputResource.run("mount", "-o", "remount," + mode, dir);
            assertThat(result.exitCode()).as("mount -o remount," + mode + " " + dir + ": " + result).isZero();
        });
    }

    private List<Path> filesOf(String uuid) {
        return list().stream().filter(p -> p.getFileName().toString().startsWith(uuid + "_")).toList();
    }

    private List<Path> tempFiles() {
        return list().stream().filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
    }

    private List<Path> list() {
        try (Stream<Path> files = Files.list(Path.of(outputDir))) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
