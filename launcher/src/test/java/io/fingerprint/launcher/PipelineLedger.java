package io.fingerprint.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fingerprint.formats.fingerprint.ExactStatistics;
import io.fingerprint.formats.fingerprint.SensorSummary;
import io.fingerprint.formats.reading.InvalidReadingException;
import io.fingerprint.formats.reading.ReadingParser;
import io.fingerprint.formats.reading.SensorReading;
import io.fingerprint.kafkalocal.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the pipeline holds at one moment, read as a downstream consumer would ({@code read_committed}):
 * every reading in {@code sensor-data}, the dead letters in {@code sensor-data-dlq}, every fingerprint
 * in {@code fingerprint-output}, and the saver's files; and the checks that tie them together.
 *
 * <p>The reference for a fingerprint of (equipment, window) is the readings of that equipment stamped
 * in the window that {@code sensor-data} holds, minus those the job dead-lettered as {@code late}
 * (matched to readings by partition and offset), each with the values the job's parser keeps. A record
 * the parser rejects whole (malformed) is in no window; a reading with rejected values (text, NaN…)
 * counts with its other values. Each of both must be in the dead-letter topic once, raw, with the
 * parser's reason. The saver reads exactly the readings the fingerprint's {@code inputs} name, so
 * each file holds exactly those: never a late or a rejected one.
 */
final class PipelineLedger {

    static final Pattern SAVED_FILE = Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_(\\d+)_(\\d+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A record of sensor-data the job's parser accepts: its raw JSON, the values the parser keeps
     * (not null, a number), and the parser's reason when it rejected some of its values (else null).
     */
    record Reading(int partition, long offset, long equipId, long timestamp, String raw, JsonNode json, Map<String, Double> values,
                   String rejectedValues) {
        /** Equipment, timestamp and the values kept: what a late dead letter keeps of a reading. */
        String identity() {
            return equipId + "@" + timestamp + values;
        }
    }

    /** The job's own parser decides what a record holds (the same rules, from the same code). */
    private static final ThreadLocal<ReadingParser> PARSER = ThreadLocal.withInitial(
            () -> new ReadingParser(ReadingParser.DEFAULT_MAX_PAYLOAD_BYTES, Long.MAX_VALUE / 2, System::currentTimeMillis));

    /** A record of sensor-data the job's parser rejects, with the reason it gives. */
    record Rejected(int partition, long offset, String raw, String reason) {
    }

    record Window(long equipId, long startMs) implements Comparable<Window> {
        @Override
        public int compareTo(Window o) {
            return Comparator.comparingLong(Window::startMs).thenComparingLong(Window::equipId).compare(this, o);
        }
    }

    record Summary(int readings, int fingerprints, int files, int lateReadings, int windowsWithLateReadings,
                   int windowsOnlyLate, int rejectedRecords) {
    }

    final List<Reading> readings = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();
    final List<JsonNode> deadLetters = new ArrayList<>();
    final List<JsonNode> fingerprints = new ArrayList<>();
    final long windowMs;

    private PipelineLedger(long windowMs) {
        this.windowMs = windowMs;
    }

    /** A ledger from records given as they would be read: readings as (partition, offset, JSON) triples. */
    static PipelineLedger of(long windowMs, List<Reading> readings, List<JsonNode> deadLetters, List<JsonNode> fingerprints) {
        return of(windowMs, readings, List.of(), deadLetters, fingerprints);
    }

    static PipelineLedger of(long windowMs, List<Reading> readings, List<Rejected> rejected, List<JsonNode> deadLetters,
                             List<JsonNode> fingerprints) {
        PipelineLedger ledger = new PipelineLedger(windowMs);
        ledger.readings.addAll(readings);
        ledger.rejected.addAll(rejected);
        ledger.deadLetters.addAll(deadLetters);
        ledger.fingerprints.addAll(fingerprints);
        return ledger;
    }

    static Reading reading(int partition, long offset, String json) {
        try {
            return parseReading(partition, offset, json);
        } catch (InvalidReadingException e) {
            throw new AssertionError("not a reading the job accepts (" + e.reason() + "): " + json, e);
        }
    }

    private static Reading parseReading(int partition, long offset, String json) throws InvalidReadingException {
        ReadingParser parser = PARSER.get();
        SensorReading parsed = parser.parse(json.getBytes(StandardCharsets.UTF_8));
        Map<String, Double> values = new TreeMap<>();
        for (int i = 0; i < parsed.sensorIds.length; i++) {
            values.put(parsed.sensorIds[i], parsed.values[i]);
        }
        return new Reading(partition, offset, parsed.equipId, parsed.timestamp, json, parse(json), values, parser.rejectedValuesReason());
    }

    static PipelineLedger read(String bootstrap, long windowMs) {
        PipelineLedger ledger = new PipelineLedger(windowMs);
        for (ConsumerRecord<String, String> r : TopicReader.readAll(bootstrap, "sensor-data")) {
            try {
                ledger.readings.add(parseReading(r.partition(), r.offset(), r.value()));
            } catch (InvalidReadingException e) {
                ledger.rejected.add(new Rejected(r.partition(), r.offset(), r.value(), e.reason()));
            }
        }
        TopicReader.readAll(bootstrap, "sensor-data-dlq").forEach(r -> ledger.deadLetters.add(parse(r.value())));
        TopicReader.readAll(bootstrap, "fingerprint-output").forEach(r -> ledger.fingerprints.add(parse(r.value()).get("fingerprint")));
        return ledger;
    }

    Window windowOf(Reading r) {
        return new Window(r.equipId(), Math.floorDiv(r.timestamp(), windowMs) * windowMs);
    }

    /** The readings of each (equipment, window) in sensor-data, in the order they were produced. */
    Map<Window, List<Reading>> readingsByWindow() {
        Map<Window, List<Reading>> byWindow = new TreeMap<>();
        readings.stream()
                .sorted(Comparator.comparingLong(Reading::timestamp).thenComparingInt(Reading::partition).thenComparingLong(Reading::offset))
                .forEach(r -> byWindow.computeIfAbsent(windowOf(r), w -> new ArrayList<>()).add(r));
        return byWindow;
    }

    List<JsonNode> lateDeadLetters() {
        return deadLetters.stream().filter(d -> "late".equals(d.get("reason").asText())).toList();
    }

    /**
     * Each late dead letter matched to the reading in sensor-data it names (partition and offset) and
     * whose equipment, timestamp and values it carries; fails if one has none, or names one twice.
     */
    Map<Window, List<Reading>> lateByWindow() {
        Map<String, Reading> byPosition = new HashMap<>();
        readings.forEach(r -> byPosition.put(r.partition() + "@" + r.offset(), r));
        Set<String> seen = new HashSet<>();
        Map<Window, List<Reading>> late = new TreeMap<>();
        for (JsonNode d : lateDeadLetters()) {
            String position = d.get("partition").asInt() + "@" + d.get("offset").asLong();
            Reading r = byPosition.get(position);
            assertThat(r).as("the reading of late dead letter %s in sensor-data", d).isNotNull();
            assertThat(seen.add(position)).as("a second late dead letter for the reading at %s: %s", position, d).isTrue();
            Reading asDeadLettered = reading(-1, -1, d.get("payload").asText());
            assertThat(asDeadLettered.identity()).as("late dead letter %s: the reading at %s", d, position).isEqualTo(r.identity());
            late.computeIfAbsent(windowOf(r), w -> new ArrayList<>()).add(r);
        }
        return late;
    }

    /**
     * Every record the parser rejects, whole or some of its values, has exactly one dead letter, raw
     * and with the parser's reason; no other record has one (late readings aside).
     */
    private void assertRejectedRecordsDeadLettered() {
        Map<String, Rejected> byPosition = new HashMap<>();
        rejected.forEach(r -> byPosition.put(r.partition() + "@" + r.offset(), r));
        readings.stream().filter(r -> r.rejectedValues() != null).forEach(r -> byPosition.put(r.partition() + "@" + r.offset(),
                new Rejected(r.partition(), r.offset(), r.raw(), r.rejectedValues())));
        Set<String> seen = new HashSet<>();
        for (JsonNode d : deadLetters) {
            if ("late".equals(d.get("reason").asText())) {
                continue;
            }
            String position = d.get("partition").asInt() + "@" + d.get("offset").asLong();
            Rejected r = byPosition.get(position);
            assertThat(r).as("dead letter %s names a record of sensor-data the job's parser rejects", d).isNotNull();
            assertThat(seen.add(position)).as("a second dead letter for the record at %s: %s", position, d).isTrue();
            assertThat(d.get("source_topic").asText()).as("%s source_topic", d).isEqualTo("sensor-data");
            assertThat(d.get("reason").asText()).as("reason of %s", d).isEqualTo(r.reason());
            assertThat(d.get("payload").asText()).as("payload of %s", d).isEqualTo(r.raw());
        }
        Set<String> missing = new java.util.TreeSet<>(byPosition.keySet());
        missing.removeAll(seen);
        assertThat(missing).as("rejected records (partition@offset) of sensor-data without a dead letter").isEmpty();
    }

    /** The readings each fingerprint must be computed from: sensor-data's, minus those dead-lettered as late. */
    Map<Window, List<Reading>> countedByWindow() {
        Map<Window, List<Reading>> late = lateByWindow();
        Map<Window, List<Reading>> counted = new TreeMap<>();
        readingsByWindow().forEach((w, rs) -> {
            List<Reading> kept = new ArrayList<>(rs);
            late.getOrDefault(w, List.of()).forEach(kept::remove);
            counted.put(w, kept);
        });
        return counted;
    }

    /** Windows that must have a fingerprint: at least one value in a reading that was not late. */
    Set<Window> expectedWindows() {
        Set<Window> expected = new HashSet<>();
        countedByWindow().forEach((w, rs) -> {
            if (rs.stream().anyMatch(r -> !r.values().isEmpty())) {
                expected.add(w);
            }
        });
        return expected;
    }

    Map<Window, JsonNode> fingerprintsByWindow() {
        Map<Window, JsonNode> byWindow = new TreeMap<>();
        fingerprints.forEach(f -> byWindow.put(new Window(f.get("equip_id").asLong(), f.get("start_ms").asLong()), f));
        return byWindow;
    }

    /**
     * Waits until every window is fingerprinted and saved ({@link #settled}); if it never is, fails
     * with what {@link #verify} finds wrong rather than with a bare timeout.
     */
    static void awaitSettled(String bootstrap, long windowMs, Path outputDir, Duration timeout) {
        try {
            org.awaitility.Awaitility.await("every window fingerprinted and saved").atMost(timeout).pollInterval(Duration.ofSeconds(1))
                    .until(() -> read(bootstrap, windowMs).settled(outputDir));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            read(bootstrap, windowMs).verify(outputDir);
            throw e;
        }
    }

    /**
     * True once the last windows are out: every window with readings has its fingerprint, and the
     * saver has one file for each fingerprint. For waiting; {@link #verify} says what is wrong.
     */
    boolean settled(Path outputDir) {
        Set<String> uuids = new HashSet<>();
        fingerprints.forEach(f -> uuids.add(f.get("uuid").asText()));
        Set<String> fileUuids = new HashSet<>();
        for (String name : fileNames(outputDir)) {
            Matcher m = SAVED_FILE.matcher(name);
            if (m.matches()) {
                fileUuids.add(m.group(1));
            }
        }
        return fingerprintsByWindow().keySet().containsAll(expectedWindows()) && fileUuids.equals(uuids);
    }

    /**
     * Everything downstream matches sensor-data: each fingerprint once in the topic, with exactly the
     * statistics of its window's readings that were not late; no window with readings missing; each
     * fingerprint in exactly one file, holding the fingerprint as sent and exactly its window's
     * readings in sensor-data that were not late; no other file in the folder.
     */
    Summary verify(Path outputDir) {
        Map<Window, List<Reading>> all = readingsByWindow();
        Map<Window, List<Reading>> late = lateByWindow();
        Map<Window, List<Reading>> counted = countedByWindow();

        // the job: each rejected record dead-lettered once with its reason, each window once, exact statistics
        assertRejectedRecordsDeadLettered();
        Map<String, Integer> uuidCount = new HashMap<>();
        fingerprints.forEach(f -> uuidCount.merge(f.get("uuid").asText(), 1, Integer::sum));
        assertThat(uuidCount).as("fingerprints in fingerprint-output more than once").allSatisfy((uuid, n) -> assertThat(n).as(uuid).isEqualTo(1));
        Map<Window, JsonNode> byWindow = fingerprintsByWindow();
        assertThat(byWindow).as("one fingerprint per (equipment, window)").hasSameSizeAs(fingerprints);
        for (Map.Entry<Window, JsonNode> e : byWindow.entrySet()) {
            JsonNode f = e.getValue();
            assertThat(f.get("end_ms").asLong() - f.get("start_ms").asLong()).isEqualTo(windowMs);
            assertThat(f.get("start_ms").asLong() % windowMs).isZero();
            assertThat(counted).as("readings of the fingerprinted window %s", e.getKey()).containsKey(e.getKey());
            assertStatistics(f, counted.get(e.getKey()));
        }
        Set<Window> missing = new java.util.TreeSet<>(expectedWindows());
        missing.removeAll(byWindow.keySet());
        assertThat(missing).as("windows with readings (not late) in sensor-data but no fingerprint").isEmpty();

        // the saver: exactly one file per fingerprint, nothing else in the folder
        List<String> names = fileNames(outputDir);
        assertThat(names).as("files in %s other than saved fingerprints (temporary files included)", outputDir)
                .allMatch(n -> SAVED_FILE.matcher(n).matches());
        Map<String, String> fileByUuid = new HashMap<>();
        for (String name : names) {
            Matcher m = SAVED_FILE.matcher(name);
            assertThat(m.matches()).isTrue();
            assertThat(fileByUuid.put(m.group(1), name)).as("a second file for %s", m.group(1)).isNull();
        }
        Set<String> uuids = new HashSet<>(uuidCount.keySet());
        assertThat(fileByUuid.keySet()).as("uuids of the saved files = uuids of the fingerprints").isEqualTo(uuids);
        for (Map.Entry<Window, JsonNode> e : byWindow.entrySet()) {
            JsonNode f = e.getValue();
            String name = fileByUuid.get(f.get("uuid").asText());
            assertThat(name).isEqualTo(f.get("uuid").asText() + "_" + f.get("start_ms").asLong() + "_" + f.get("end_ms").asLong() + ".json");
            JsonNode doc = readJson(outputDir.resolve(name));
            assertThat(doc.get("fingerprint")).as("%s: the fingerprint as received", name).isEqualTo(f);
            assertThat(doc.get("complete").asBoolean()).as("%s complete", name).isTrue();
            List<JsonNode> inputs = new ArrayList<>();
            doc.get("input_records").forEach(inputs::add);
            assertThat(doc.get("input_count").asInt()).as("%s input_count", name).isEqualTo(inputs.size());
            // exactly the window's readings that were not late, in order: they recompute the saved statistics
            List<JsonNode> expected = counted.get(e.getKey()).stream().map(Reading::json).toList();
            assertThat(inputs).as("%s: input_records = the readings of %s in sensor-data that were not late, in order", name, e.getKey())
                    .containsExactlyElementsOf(expected);
            assertStatistics(doc.get("fingerprint"), counted.get(e.getKey()));
            assertThat(doc.path("joined_by").asText()).as("%s joined by", name).isEqualTo("lineage");
        }
        int windowsOnlyLate = (int) late.keySet().stream().filter(w -> !byWindow.containsKey(w)).count();
        return new Summary(readings.size(), fingerprints.size(), names.size(),
                late.values().stream().mapToInt(List::size).sum(), late.size(), windowsOnlyLate, rejected.size());
    }

    /** Recomputes per sensor min, max, median, mean, population std_dev and count from the readings, exactly. */
    static void assertStatistics(JsonNode fingerprint, List<Reading> readings) {
        Map<String, List<Double>> values = new TreeMap<>();
        readings.forEach(r -> r.values().forEach((sensor, v) -> values.computeIfAbsent(sensor, k -> new ArrayList<>()).add(v)));
        JsonNode data = fingerprint.get("data");
        List<String> sensors = new ArrayList<>();
        data.fieldNames().forEachRemaining(sensors::add);
        assertThat(sensors).as("sensors of %s", fingerprint.get("uuid")).containsExactlyInAnyOrderElementsOf(values.keySet());
        values.forEach((sensor, list) -> {
            SensorSummary exact = ExactStatistics.of(sensor, list.stream().mapToDouble(Double::doubleValue).toArray());
            JsonNode s = data.get(sensor);
            String what = fingerprint.get("uuid").asText() + " sensor " + sensor;
            assertThat(s.get("count").asLong()).as("count of %s", what).isEqualTo(exact.count);
            assertClose(what + " min", s.get("min").asDouble(), exact.min);
            assertClose(what + " max", s.get("max").asDouble(), exact.max);
            assertClose(what + " median", s.get("median").asDouble(), exact.median);
            assertClose(what + " mean", s.get("mean").asDouble(), exact.mean);
            assertClose(what + " std_dev", s.get("std_dev").asDouble(), exact.stdDev);
        });
    }

    private static void assertClose(String what, double actual, double expected) {
        assertThat(Math.abs(actual - expected)).as("%s: %s, expected %s", what, actual, expected)
                .isLessThanOrEqualTo(1e-9 * Math.max(Math.abs(expected), 1e-9));
    }

    static List<String> fileNames(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e, e);
        }
    }

    /** Lines such as "late readings per window" for the test's output. */
    static String describe(Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("readings", s.readings());
        m.put("fingerprints", s.fingerprints());
        m.put("files", s.files());
        m.put("late readings", s.lateReadings());
        m.put("windows with late readings", s.windowsWithLateReadings());
        m.put("of which only late (no fingerprint)", s.windowsOnlyLate());
        m.put("rejected records", s.rejectedRecords());
        return m.toString();
    }
}
