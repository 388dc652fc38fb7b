package io.fingerprint.saver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fingerprint.httptestkit.PackagedService;
import io.fingerprint.kafkalocal.KafkaLocal;
import io.fingerprint.kafkalocal.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the packaged saver (the native executable when the build made one) with SIGKILL in the middle of a stream and starts it again in the same
 * consumer group: every fingerprint ends up in exactly one complete file with exactly its window's
 * readings, and none is written more than twice (once before the kill, at most once after).
 */
class SaverRestartIT {

    static final int WINDOWS = 24;
    static final long[] EQUIPMENT = {110, 111, 112};
    static final int READINGS_PER_WINDOW = 20;
    static final long MINUTE = 60_000;
    static final Pattern SAVED = Pattern.compile("Saved ([0-9a-f-]{36})_\\d+_\\d+\\.json \\((\\d+) input records, (complete|incomplete)\\)");

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    /** Fresh topics, a consumer group and an output folder for one test; the savers' settings. */
    private record Run(String id, String sensor, String fingerprints, String group, Path output, Map<String, String> props) {
    }

    private static Run newRun(String folderPrefix) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String sensor = "sensor-data-" + run;
        String fingerprints = "fingerprint-output-" + run;
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaLocal.shared().bootstrapServers()))) {
            Topics.create(admin, Duration.ofSeconds(30), Topics.topic(sensor, 2), Topics.topic(fingerprints, 2));
        }
        Path output = Files.createTempDirectory(folderPrefix);
        Map<String, String> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", KafkaLocal.shared().bootstrapServers());
        props.put("saver.sensor-topic", sensor);
        props.put("saver.fingerprint-topic", fingerprints);
        props.put("saver.dlq-topic", "fingerprint-output-dlq-" + run);
        props.put("saver.output-dir", output.toString());
        props.put("mp.messaging.incoming.fingerprints.group.id", "saver-" + run);
        // The killed member must leave the group soon, not after the default 45 s.
        props.put("mp.messaging.incoming.fingerprints.session.timeout.ms", "6000");
        props.put("mp.messaging.incoming.fingerprints.heartbeat.interval.ms", "1000");
        return new Run(run, sensor, fingerprints, "saver-" + run, output, props);
    }

    @Test
    void aKilledSaverRestartedInTheSameGroupLeavesCompleteFilesAndNoDuplicates() throws Exception {
        Run r = newRun("saver-restart-");
        String run = r.id();
        String sensor = r.sensor();
        String fingerprints = r.fingerprints();
        Path output = r.output();
        Path target = Path.of("target");
        Map<String, String> props = r.props();

        Path logA = target.resolve("saver-restart-a.log");
        Path logB = target.resolve("saver-restart-b.log");
        Process a = startSaver(props, logA);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(logA).contains("Listening on"));

        long base = (System.currentTimeMillis() / MINUTE - 2 * WINDOWS) * MINUTE;
        Map<String, List<String>> expected = new HashMap<>();
        try (TestKafka kafka = new TestKafka()) {
            for (int w = 0; w < WINDOWS; w++) {
                produceWindow(kafka, sensor, fingerprints, base + w * MINUTE, expected);
                if (w == WINDOWS / 3) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> savedFiles(output).size() >= 6);
                    // Acknowledged after the write, so committed: a restart does not start over.
                    await().atMost(Duration.ofSeconds(30)).until(() -> committed("saver-" + run, fingerprints) > 0);
                }
                if (w == WINDOWS / 2) {
                    a.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL mid-stream
                }
                Thread.sleep(100); // paces the stream so the kill lands in its middle: the scenario, not a wait
            }
        }
        assertThat(a.isAlive()).isFalse();
        Process b = startSaver(props, logB);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> savedFiles(output).size() == expected.size() && b.isAlive());
        // The saver logs a save before acknowledging it, and only a redelivery could save a fingerprint
        // twice: once every offset is committed, no save is still to come, so the logs below are final.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(committed("saver-" + run, fingerprints)).as("every fingerprint committed").isEqualTo(expected.size()));

        List<Path> files = savedFiles(output);
        assertThat(files).hasSize(WINDOWS * EQUIPMENT.length);
        for (Path file : files) {
            String uuid = file.getFileName().toString().substring(0, 36);
            assertThat(Files.readString(file)).as(file.getFileName().toString())
                    .endsWith(",\"input_records\":[" + String.join(",", expected.get(uuid)) + "],\"input_count\":"
                            + READINGS_PER_WINDOW + ",\"complete\":true}");
        }
        try (Stream<Path> all = Files.list(output)) {
            assertThat(all.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".json") && !n.startsWith("."));
        }
        Map<String, Long> savesA = saves(logA);
        Map<String, Long> savesB = saves(logB);
        assertThat(savesA).as("saved before the kill").isNotEmpty();
        assertThat(savesB).as("saved after the restart").isNotEmpty();
        assertThat(savesA.values()).allMatch(n -> n == 1);
        assertThat(savesB.values()).allMatch(n -> n == 1);
        assertThat(Stream.concat(savesA.keySet().stream(), savesB.keySet().stream()).distinct().count())
                .isEqualTo(expected.size());
    }

    /** Readings first (both partitions, in time order), then the fingerprints naming them, as the Flink job writes them. */
    private static void produceWindow(TestKafka kafka, String sensor, String fingerprints, long start,
                                      Map<String, List<String>> expected) {
        Map<Long, List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>>> sent = new HashMap<>();
        for (long equip : EQUIPMENT) {
            List<String> readings = new ArrayList<>();
            for (int i = 0; i < READINGS_PER_WINDOW; i++) {
                long t = start + i * (MINUTE / READINGS_PER_WINDOW) + equip % 7;
                String reading = Json.reading(equip, t);
                sent.computeIfAbsent(equip, e -> new ArrayList<>()).add(kafka.sendAsync(sensor, i % 2, t, reading));
                readings.add(reading);
            }
            expected.put(Json.uuid(equip, start, start + MINUTE), readings);
        }
        kafka.flush();
        for (long equip : EQUIPMENT) {
            String uuid = Json.uuid(equip, start, start + MINUTE);
            kafka.sendAsync(fingerprints, (int) (equip % 2), start + MINUTE,
                    Json.message(Json.fingerprintObject(uuid, equip, start, start + MINUTE, ranges(sensor, sent.get(equip)))));
        }
        kafka.flush();
    }

    /** The inputs the job would name: per partition the first and last offset and the count. */
    private static String[] ranges(String topic, List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sends) {
        Map<Integer, long[]> byPartition = new java.util.TreeMap<>(); // partition -> {from, to, count}
        for (var send : sends) {
            var at = TestKafka.acked(send);
            long[] r = byPartition.computeIfAbsent(at.partition(), p -> new long[] {Long.MAX_VALUE, -1, 0});
            r[0] = Math.min(r[0], at.offset());
            r[1] = Math.max(r[1], at.offset());
            r[2]++;
        }
        return byPartition.entrySet().stream()
                .map(e -> Json.range(topic, e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toArray(String[]::new);
    }

    /**
     * Two savers in one group share the partitions of fingerprint-output and one output folder; one is
     * killed part way. Every fingerprint ends up in exactly one complete file, and the survivor serves
     * every file, its partner's included (its index follows the folder): while both run, each serves what
     * only the other wrote.
     */
    @Test
    void twoSaversShareTheWorkAndTheFolderAndTheSurvivorServesEveryFile() throws Exception {
        Run r = newRun("saver-pair-");
        Path logA = Path.of("target", "saver-pair-a.log");
        Path logB = Path.of("target", "saver-pair-b.log");
        int portB = freePort();
        Process a = startSaver(r.props(), logA);
        Process b = startSaver(r.props(), logB, portB);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(logA).contains("Listening on")
                && Files.readString(logB).contains("Listening on"));

        long base = (System.currentTimeMillis() / MINUTE - 2 * WINDOWS) * MINUTE;
        Map<String, List<String>> expected = new HashMap<>();
        Set<String> onlyByA = java.util.concurrent.ConcurrentHashMap.newKeySet(); // filled by the await below
        try (TestKafka kafka = new TestKafka()) {
            for (int w = 0; w < WINDOWS; w++) {
                produceWindow(kafka, r.sensor(), r.fingerprints(), base + w * MINUTE, expected);
                if (w == WINDOWS / 3) {
                    // both at work before the kill. Until the group has given each a partition one saver may hold
                    // both and save all there is (the native ones, joining from memory, take a second for it),
                    // leaving the other nothing: earlier windows keep coming until each has saved some
                    long[] earlier = {base};
                    await("each saver saved some").atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ofMillis(500))
                            .until(() -> {
                                if (!saves(logA).isEmpty() && !saves(logB).isEmpty()) {
                                    return true;
                                }
                                earlier[0] -= MINUTE;
                                produceWindow(kafka, r.sensor(), r.fingerprints(), earlier[0], expected);
                                return false;
                            });
                }
                if (w == WINDOWS / 2) {
                    // files only A wrote: B may have saved A's first ones itself before the group settled (it had
                    // both partitions and had not committed them yet); A's later ones are A's alone
                    await("files only A wrote").atMost(Duration.ofSeconds(30)).until(() -> {
                        onlyByA.clear();
                        onlyByA.addAll(saves(logA).keySet());
                        onlyByA.removeAll(saves(logB).keySet());
                        return !onlyByA.isEmpty();
                    });
                    // B serves what only A wrote: its index follows the shared folder
                    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(listed(portB)).containsAll(onlyByA));
                    a.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL mid-stream
                }
                Thread.sleep(100); // paces the stream so the kill lands in its middle: the scenario, not a wait
            }
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> savedFiles(r.output()).size() == expected.size());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(committed(r.group(), r.fingerprints())).as("every fingerprint committed").isEqualTo(expected.size()));

        for (Path file : savedFiles(r.output())) {
            String uuid = file.getFileName().toString().substring(0, 36);
            assertThat(Files.readString(file)).as(file.getFileName().toString())
                    .endsWith(",\"input_records\":[" + String.join(",", expected.get(uuid)) + "],\"input_count\":"
                            + READINGS_PER_WINDOW + ",\"complete\":true}");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(listed(portB)).containsAll(expected.keySet()));
    }

    /** The uuids a saver lists over HTTP. */
    private static Set<String> listed(int port) throws Exception {
        String body = io.fingerprint.httptestkit.HttpProbe.get(port, "/fingerprints?limit=1000").body();
        Set<String> uuids = new java.util.HashSet<>();
        Matcher m = Pattern.compile("\"uuid\":\"([0-9a-f-]{36})\"").matcher(body);
        while (m.find()) {
            uuids.add(m.group(1));
        }
        return uuids;
    }

    private Process startSaver(Map<String, String> props, Path log) throws IOException {
        return startSaver(props, log, freePort());
    }

    private Process startSaver(Map<String, String> props, Path log, int httpPort) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-Dquarkus.http.port=" + httpPort));
        props.forEach((k, v) -> options.add("-D" + k + "=" + v));
        // The native executable when the build made one (-Dnative), else the jar.
        Process process = new ProcessBuilder(PackagedService.command(Path.of("target"), options.toArray(String[]::new))).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(process);
        return process;
    }

    /** The group's committed offsets on the topic, summed (= records acknowledged, one record per offset here). */
    private static long committed(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaLocal.shared().bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<Path> savedFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("[0-9a-f-]{36}_\\d+_\\d+\\.json")).toList();
        }
    }

    /** uuid → how often this saver logged it saved, all complete. */
    private static Map<String, Long> saves(Path log) throws IOException {
        List<String> uuids = new ArrayList<>();
        Matcher m = SAVED.matcher(Files.readString(log));
        while (m.find()) {
            assertThat(m.group(3)).isEqualTo("complete");
            assertThat(m.group(2)).isEqualTo(Integer.toString(READINGS_PER_WINDOW));
            uuids.add(m.group(1));
        }
        return uuids.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
