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

    @Test
    void aKilledSaverRestartedInTheSameGroupLeavesCompleteFilesAndNoDuplicates() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String sensor = "sensor-data-" + run;
        String fingerprints = "fingerprint-output-" + run;
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaLocal.shared().bootstrapServers()))) {
            Topics.create(admin, Duration.ofSeconds(30), Topics.topic(sensor, 2), Topics.topic(fingerprints, 2));
        }
        Path output = Files.createTempDirectory("saver-restart-");
        Path target = Path.of("target");
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

    /** Readings first (both partitions, in time order), then the fingerprints: the Flink job's order. */
    private static void produceWindow(TestKafka kafka, String sensor, String fingerprints, long start,
                                      Map<String, List<String>> expected) {
        for (long equip : EQUIPMENT) {
            List<String> readings = new ArrayList<>();
            for (int i = 0; i < READINGS_PER_WINDOW; i++) {
                long t = start + i * (MINUTE / READINGS_PER_WINDOW) + equip % 7;
                String reading = Json.reading(equip, t);
                kafka.sendAsync(sensor, i % 2, t, reading);
                readings.add(reading);
            }
            expected.put(Json.uuid(equip, start, start + MINUTE), readings);
        }
        kafka.flush();
        for (long equip : EQUIPMENT) {
            String uuid = Json.uuid(equip, start, start + MINUTE);
            kafka.sendAsync(fingerprints, (int) (equip % 2), start + MINUTE,
                    Json.message(Json.fingerprintObject(uuid, equip, start, start + MINUTE)));
        }
        kafka.flush();
    }

    private Process startSaver(Map<String, String> props, Path log) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-Dquarkus.http.port=" + freePort()));
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
