package io.fingerprint.saver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fingerprint.kafkalocal.FromTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The join against the real broker: hand-made readings and fingerprints in, exact files out. */
@QuarkusTest
@QuarkusTestResource(SaverTopicsResource.class)
class JoinKafkaTest {

    /** Every test its own equipment, so their readings never mix. */
    private static final AtomicLong NEXT_EQUIP = new AtomicLong(7000);
    private static final long MINUTE = 60_000;

    @FromTestResource("saver.sensor-topic")
    String sensorTopic;
    @FromTestResource("saver.fingerprint-topic")
    String fingerprintTopic;
    @FromTestResource("saver.dlq-topic")
    String dlqTopic;
    @FromTestResource("saver.output-dir")
    String outputDir;

    private TestKafka kafka;

    @BeforeEach
    void open() {
        kafka = new TestKafka();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    /** The start of a whole minute this many minutes ago: recent enough for the broker's retention. */
    private static long windowStart(int minutesAgo) {
        return (System.currentTimeMillis() / MINUTE - minutesAgo) * MINUTE;
    }

    @Test
    void handMadeReadingsGiveExactlyThisFile() throws IOException {
        long equip = NEXT_EQUIP.getAndIncrement();
        long start = windowStart(6);
        long end = start + MINUTE;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("0001", "\"45.234\"");
        values.put("0002", "\"null\"");
        values.put("0003", "null");
        String r1 = Json.reading(equip, start + 1_000, values);
        String r2 = Json.reading(equip, start + 30_000, Map.of("0001", "12.5"));
        String r3 = Json.reading(equip, end - 1, Map.of("0002", "\"67.891\""));
        kafka.send(sensorTopic, 0, start + 1_000, r1);
        kafka.send(sensorTopic, 1, start + 30_000, r2);
        kafka.send(sensorTopic, 0, end - 1, r3);
        String uuid = Json.uuid(equip, start, end);
        String fingerprint = Json.fingerprintObject(uuid, equip, start, end);
        kafka.send(fingerprintTopic, 0, end, Json.message(fingerprint));

        Path file = awaitFile(uuid);

        assertThat(file.getFileName().toString()).isEqualTo(uuid + "_" + start + "_" + end + ".json");
        assertThat(Files.readString(file)).isEqualTo("{\"fingerprint\":" + fingerprint + ",\"input_records\":["
                + r1 + "," + r2 + "," + r3 + "],\"input_count\":3,\"complete\":true}");
    }

    @Test
    void otherEquipmentNeighbouringWindowsAndMalformedReadingsAreLeftOut() throws IOException {
        long equip = NEXT_EQUIP.getAndIncrement();
        long start = windowStart(7);
        long end = start + MINUTE;
        String atStart = Json.reading(equip, start);
        String lastInside = Json.reading(equip, end - 1);
        kafka.send(sensorTopic, 0, start - 1, Json.reading(equip, start - 1));
        kafka.send(sensorTopic, 1, start, atStart);
        kafka.send(sensorTopic, 0, start + 10, Json.reading(equip + 1000, start + 10));
        kafka.send(sensorTopic, 1, start + 20, "{\"equip_id\":" + equip + ",\"timestamp\":" + (start + 20) + "}");
        kafka.send(sensorTopic, 0, start + 30, "not json at all");
        kafka.send(sensorTopic, 1, start + 40, "{\"equip_id\":\"" + equip + "\",\"timestamp\":" + (start + 40) + ",\"data\":{}}");
        kafka.send(sensorTopic, 0, end - 1, lastInside);
        kafka.send(sensorTopic, 1, end, Json.reading(equip, end));
        String uuid = Json.uuid(equip, start, end);
        kafka.send(fingerprintTopic, 1, end, Json.message(Json.fingerprintObject(uuid, equip, start, end)));

        String saved = Files.readString(awaitFile(uuid));

        assertThat(saved).contains("\"input_records\":[" + atStart + "," + lastInside + "],\"input_count\":2,\"complete\":true}");
    }

    @Test
    void outOfOrderReadingsWithinTheBoundAreIncludedInTimeOrder() throws IOException {
        long equip = NEXT_EQUIP.getAndIncrement();
        long start = windowStart(8);
        long end = start + MINUTE;
        long[] arrival = {start + 50_000, start + 5_000, end - 2_000, start + 20_000, start + 1};
        for (int i = 0; i < arrival.length; i++) {
            kafka.send(sensorTopic, i % 2, arrival[i], Json.reading(equip, arrival[i]));
        }
        String uuid = Json.uuid(equip, start, end);
        kafka.send(fingerprintTopic, 0, end, Json.message(Json.fingerprintObject(uuid, equip, start, end)));

        String saved = Files.readString(awaitFile(uuid));

        String ordered = Stream.of(start + 1, start + 5_000, start + 20_000, start + 50_000, end - 2_000)
                .map(t -> Json.reading(equip, t)).collect(Collectors.joining(","));
        assertThat(saved).contains("\"input_records\":[" + ordered + "],\"input_count\":5,\"complete\":true}");
    }

    /**
     * The fingerprint reaches the saver long before the saver has read the window's readings:
     * they are older than what it holds, so it goes back and works through 40 000 records, and the
     * fingerprint waits for all of them. (A first fingerprint, of a later window without readings,
     * moves the saver's buffer past this window; the window itself is newer than every other
     * test's readings, so nothing in the topic makes them late.)
     */
    @Test
    void aFingerprintThatArrivesBeforeItsInputsAreReadIsStillComplete() throws IOException {
        long bait = NEXT_EQUIP.getAndIncrement();
        long baitStart = windowStart(-10);
        String baitUuid = Json.uuid(bait, baitStart, baitStart + MINUTE);
        kafka.send(fingerprintTopic, 0, baitStart, Json.message(Json.fingerprintObject(baitUuid, bait, baitStart, baitStart + MINUTE)));
        awaitFile(baitUuid);

        long equip = NEXT_EQUIP.getAndIncrement();
        long start = windowStart(-3);
        long end = start + MINUTE;
        int count = 40_000;
        for (int i = 0; i < count; i++) {
            long t = start + (long) i * MINUTE / count;
            kafka.sendAsync(sensorTopic, i % 2, t, Json.reading(equip, t));
        }
        kafka.flush();
        String uuid = Json.uuid(equip, start, end);
        kafka.send(fingerprintTopic, 1, end, Json.message(Json.fingerprintObject(uuid, equip, start, end)));

        String saved = Files.readString(awaitFile(uuid));

        assertThat(saved).endsWith("],\"input_count\":" + count + ",\"complete\":true}");
        assertThat(saved).contains("[" + Json.reading(equip, start) + "," + Json.reading(equip, start + 1) + ",");
    }

    @Test
    void aDuplicateFingerprintLeavesOneFile() throws IOException {
        long equip = NEXT_EQUIP.getAndIncrement();
        long start = windowStart(9);
        long end = start + MINUTE;
        kafka.send(sensorTopic, 1, start + 100, Json.reading(equip, start + 100));
        String uuid = Json.uuid(equip, start, end);
        String message = Json.message(Json.fingerprintObject(uuid, equip, start, end));
        kafka.send(fingerprintTopic, 0, end, message);
        kafka.send(fingerprintTopic, 1, end, message);
        String first = Files.readString(awaitFile(uuid));
        kafka.send(fingerprintTopic, 0, end, message);

        // The third delivery is processed after the first two; a later marker proves the stream got past it.
        long marker = NEXT_EQUIP.getAndIncrement();
        String markerUuid = Json.uuid(marker, start, end);
        kafka.send(fingerprintTopic, 0, end, Json.message(Json.fingerprintObject(markerUuid, marker, start, end)));
        awaitFile(markerUuid);

        assertThat(filesOf(uuid)).hasSize(1);
        assertThat(Files.readString(filesOf(uuid).get(0))).isEqualTo(first).contains("\"input_count\":1,");
    }

    @Test
    void malformedFingerprintsGoToTheDeadLetterTopicAndTheStreamGoesOn() {
        long equip = NEXT_EQUIP.getAndIncrement();
        long start = windowStart(10);
        long end = start + MINUTE;
        List<String> bad = List.of(
                "this is not JSON",
                "{\"something\":\"else\"}",
                Json.message(Json.fingerprintObject("../../etc/passwd", equip, start, end)),
                Json.message(Json.fingerprintObject(Json.uuid(equip, end, start), equip, end, start)));
        List<String> sent = new ArrayList<>();
        for (String payload : bad) {
            sent.add(Long.toString(kafka.send(fingerprintTopic, 0, end, payload)));
        }
        String good = Json.uuid(equip, start, end);
        kafka.send(fingerprintTopic, 0, end, Json.message(Json.fingerprintObject(good, equip, start, end)));

        awaitFile(good);
        // The DLQ topic is shared with the other test classes of this application: only this test's records.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = deadLetters(sent);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactlyElementsOf(bad);
            for (ConsumerRecord<String, String> r : dead) {
                assertThat(r.headers().lastHeader("dead-letter-reason")).isNotNull();
                assertThat(new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)).isNotBlank();
            }
        });
        assertThat(deadLetters(sent).get(2).headers().lastHeader("dead-letter-reason").value())
                .asString(StandardCharsets.UTF_8).contains("uuid");
        try (Stream<Path> files = Files.list(Path.of(outputDir))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("passwd") || n.contains(".."));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The dead letters of these offsets of partition 0 of fingerprint-output, in DLQ order. */
    private List<ConsumerRecord<String, String>> deadLetters(List<String> offsets) {
        return TestKafka.readAll(dlqTopic).stream()
                .filter(r -> fingerprintTopic.equals(header(r, "dead-letter-topic")) && "0".equals(header(r, "dead-letter-partition"))
                        && offsets.contains(header(r, "dead-letter-offset")))
                .toList();
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private Path awaitFile(String uuid) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !filesOf(uuid).isEmpty());
        return filesOf(uuid).get(0);
    }

    private List<Path> filesOf(String uuid) {
        try (Stream<Path> files = Files.list(Path.of(outputDir))) {
            return files.filter(p -> p.getFileName().toString().startsWith(uuid + "_")).collect(Collectors.toCollection(ArrayList::new));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
