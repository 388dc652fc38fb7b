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

/**
 * The join against the real broker: hand-made readings and fingerprints in, exact files out. The
 * saver follows {@code sensor-data} from before any reading is sent, so lineage ranges are joined from
 * what it read ahead; {@link JoinFromKafkaTest} runs the same with reading ahead off.
 */
@QuarkusTest
@QuarkusTestResource(SaverTopicsResource.class)
class JoinKafkaTest {

    /** Every test its own equipment, so their readings never mix. */
    static final AtomicLong NEXT_EQUIP = new AtomicLong(7000);
    static final long MINUTE = 60_000;

    @FromTestResource("saver.sensor-topic")
    String sensorTopic;
    @FromTestResource("saver.fingerprint-topic")
    String fingerprintTopic;
    @FromTestResource("saver.dlq-topic")
    String dlqTopic;
    @FromTestResource("saver.output-dir")
    String outputDir;

    TestKafka kafka;

    /** Where lineage ranges are joined from in this class: what the saver read ahead. */
    String spansJoinedFrom() {
        return "memory";
    }

    @BeforeEach
    void open() {
        kafka = new TestKafka();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    /**
     * The start of a whole minute this many minutes ago: recent enough for the broker's retention.
     * Fingerprints in the original format (no {@code inputs}) are joined by time, scanning each
     * partition up to the first reading stamped past the window plus the out-of-orderness: their tests
     * take {@link #newestWindowStart()}.
     */
    static long windowStart(int minutesAgo) {
        return (System.currentTimeMillis() / MINUTE - minutesAgo) * MINUTE;
    }

    /** Each call a window later than any reading sent before (ahead of the clock), as a live topic's newest readings are. */
    private static long newestWindowStart() {
        return windowStart(-NEXT_FUTURE_MINUTE.getAndAdd(2));
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_FUTURE_MINUTE = new java.util.concurrent.atomic.AtomicInteger(20);

    /** The original pipeline's format: no inputs, no counts; the file says it was joined by time. */
    @Test
    void handMadeReadingsGiveExactlyThisFile() throws IOException {
        long equip = NEXT_EQUIP.getAndIncrement();
        long start = newestWindowStart();
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
        String fingerprint = Json.fingerprintObject(uuid, equip, start, end).replaceAll(",\"count\":[0-9]+", "");
        kafka.send(fingerprintTopic, 0, end, Json.message(fingerprint));

        Path file = awaitFile(uuid);

        assertThat(file.getFileName().toString()).isEqualTo(uuid + "_" + start + "_" + end + ".json");
        assertThat(Files.readString(file)).isEqualTo("{\"fingerprint\":" + fingerprint + ",\"joined_by\":\"time\",\"input_records\":["
                + r1 + "," + r2 + "," + r3 + "],\"input_count\":3,\"complete\":true}");
    }

    /**
     * The job's lineage: the fingerprint names its ranges, and the file holds exactly their readings of
     * this equipment and window, in time order. A reading of the same equipment and window after the
     * range (late, dead-lettered by the job) and a malformed record inside it are left out.
     */
    @Test
    void aFingerprintWithInputsGetsExactlyTheReadingsItsRangesName() throws IOException {
        double spansBefore = SaverView.metric("saver_inputs_spans_total", "from=\"" + spansJoinedFrom() + "\"");
        long equip = NEXT_EQUIP.getAndIncrement();
        long start = windowStart(11);
        long end = start + MINUTE;
        String r1 = Json.reading(equip, start + 5_000);
        String r2 = Json.reading(equip, start + 1_000);
        String r3 = Json.reading(equip, start + 3_000);
        long first = kafka.send(sensorTopic, 0, start + 5_000, r1);
        kafka.send(sensorTopic, 0, start + 6_000, Json.reading(equip + 1000, start + 6_000));
        kafka.send(sensorTopic, 0, start + 6_500, "{\"equip_id\":" + equip + ",\"timestamp\":" + (start + 6_500) + "}");
        long last = kafka.send(sensorTopic, 0, start + 1_000, r2);
        long only = kafka.send(sensorTopic, 1, start + 3_000, r3);
        kafka.send(sensorTopic, 0, start + 2_000, Json.reading(equip, start + 2_000)); // late: after the range
        String uuid = Json.uuid(equip, start, end);
        String fingerprint = Json.fingerprintObject(uuid, equip, start, end,
                Json.range(sensorTopic, 0, first, last, 2), Json.range(sensorTopic, 1, only, only, 1));
        kafka.send(fingerprintTopic, 0, end, Json.message(fingerprint));

        assertThat(Files.readString(awaitFile(uuid))).isEqualTo("{\"fingerprint\":" + fingerprint
                + ",\"joined_by\":\"lineage\",\"input_records\":[" + r2 + "," + r3 + "," + r1 + "],\"input_count\":3,\"complete\":true}");
        assertThat(SaverView.metric("saver_inputs_spans_total", "from=\"" + spansJoinedFrom() + "\"")).isGreaterThanOrEqualTo(spansBefore + 2);
    }

    @Test
    void otherEquipmentNeighbouringWindowsAndMalformedReadingsAreLeftOut() throws IOException {
        long equip = NEXT_EQUIP.getAndIncrement();
        long start = newestWindowStart();
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
        long start = newestWindowStart();
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

    /** A range of 40 000 readings over both partitions, read in one pass each: the file holds every one, in time order. */
    @Test
    void aFingerprintWhoseRangesHold40000ReadingsIsComplete() throws IOException {
        long equip = NEXT_EQUIP.getAndIncrement();
        long start = windowStart(14);
        long end = start + MINUTE;
        int count = 40_000;
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long t = start + (long) i * MINUTE / count;
            sent.add(kafka.sendAsync(sensorTopic, i % 2, t, Json.reading(equip, t)));
        }
        kafka.flush();
        long[] first = {Long.MAX_VALUE, Long.MAX_VALUE};
        long[] last = {-1, -1};
        for (var future : sent) {
            var at = TestKafka.acked(future);
            first[at.partition()] = Math.min(first[at.partition()], at.offset());
            last[at.partition()] = Math.max(last[at.partition()], at.offset());
        }
        String uuid = Json.uuid(equip, start, end);
        kafka.send(fingerprintTopic, 1, end, Json.message(Json.fingerprintObject(uuid, equip, start, end,
                Json.range(sensorTopic, 0, first[0], last[0], count / 2), Json.range(sensorTopic, 1, first[1], last[1], count / 2))));

        String saved = Files.readString(awaitFile(uuid));

        assertThat(saved).endsWith("],\"input_count\":" + count + ",\"complete\":true}");
        assertThat(saved).contains("[" + Json.reading(equip, start) + "," + Json.reading(equip, start + 1) + ",");
    }

    @Test
    void aDuplicateFingerprintLeavesOneFile() throws IOException {
        long equip = NEXT_EQUIP.getAndIncrement();
        long start = windowStart(9);
        long end = start + MINUTE;
        long at = kafka.send(sensorTopic, 1, start + 100, Json.reading(equip, start + 100));
        String uuid = Json.uuid(equip, start, end);
        String message = Json.message(Json.fingerprintObject(uuid, equip, start, end, Json.range(sensorTopic, 1, at, at, 1)));
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

    Path awaitFile(String uuid) {
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
