package io.fingerprint.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline as the launcher runs it (real broker, Flink job on a MiniCluster, generator,
 * saver, each its own JVM), checked only through the saver's and the generator's HTTP APIs.
 */
class PipelineEndToEndIT {

    private static final long WINDOW_MS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** More launcher arguments: none here, {@code --native} in {@link NativePipelineEndToEndIT}. */
    protected List<String> extraArgs() {
        return List.of();
    }

    @Test
    void fingerprintsOfEveryEquipmentMatchTheirOwnInputsAndFollowTheRate(@TempDir Path tmp) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--window-size", "5s", "--out-of-orderness", "1s", "--idle-timeout", "10s", "--rate", "200",
                "--data-dir", tmp.resolve("data").toString(), "--output-dir", tmp.resolve("output").toString(),
                "--kafka-port", freePort(), "--controller-port", freePort(), "--web-ui-port", freePort(),
                "--generator-port", freePort(), "--saver-port", freePort()));
        args.addAll(extraArgs());
        PipelineOptions options = PipelineOptions.parse(args.toArray(String[]::new));
        LocalPipeline pipeline = new LocalPipeline(options, Path.of(".."), System.out);
        List<Long> pids = List.of();
        try {
            pipeline.start();
            pids = PipelineProcesses.pids(pipeline);
            assertThat(pids).hasSize(4);

            // fingerprints appear for every equipment the generator reports
            JsonNode generator = get(pipeline.generatorUrl() + "/generator");
            List<String> equipment = new ArrayList<>();
            generator.get("equipment_ids").forEach(e -> equipment.add(e.asText()));
            assertThat(equipment).hasSize(5);
            await(Duration.ofSeconds(60), () -> equipment.stream().allMatch(e -> completeWindows(pipeline, e).size() >= 2));

            // a rate change through the generator's REST API shows in the next windows' counts
            long changedAt = System.currentTimeMillis();
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(pipeline.generatorUrl() + "/generator/rate"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"readings_per_second\":1000}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            long firstFullWindowAfter = (changedAt / WINDOW_MS + 1) * WINDOW_MS;
            await(Duration.ofSeconds(60), () -> equipment.stream().allMatch(e ->
                    completeWindows(pipeline, e).stream().filter(f -> f.get("start_ms").asLong() >= firstFullWindowAfter).count() >= 2));

            for (String equip : equipment) {
                List<JsonNode> windows = completeWindows(pipeline, equip);
                assertContiguousWithoutDuplicates(equip, windows);
                double before = averageCount(windows, w -> w.get("end_ms").asLong() <= changedAt);
                double after = averageCount(windows, w -> w.get("start_ms").asLong() >= firstFullWindowAfter);
                // 200/s over 5 equipments for 5 s ≈ 200 per window; 1000/s ≈ 1000
                assertThat(after / before).as("equipment %s: %s readings per window before, %s after", equip, before, after)
                        .isBetween(3.0, 7.0);
                for (JsonNode summary : windows) {
                    assertMatchesItsInputs(get(pipeline.saverUrl() + "/fingerprints/" + summary.get("uuid").asText()));
                }
            }
        } finally {
            pipeline.close();
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %s still alive", pid).isFalse();
        }
    }

    /** Saved, complete fingerprints of one equipment, oldest first; the first, partial window is left out. */
    private List<JsonNode> completeWindows(LocalPipeline pipeline, String equip) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get(pipeline.saverUrl() + "/fingerprints?limit=1000&equip_id=" + equip + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(items::add);
            cursor = page.hasNonNull("next_cursor") ? page.get("next_cursor").asText() : null;
        } while (cursor != null);
        items.sort(Comparator.comparingLong(i -> i.get("start_ms").asLong()));
        if (!items.isEmpty()) {
            items.remove(0);
        }
        items.forEach(i -> assertThat(i.get("complete").asBoolean()).as("complete: %s", i).isTrue());
        return items;
    }

    private static void assertContiguousWithoutDuplicates(String equip, List<JsonNode> windows) {
        for (int i = 1; i < windows.size(); i++) {
            long previous = windows.get(i - 1).get("start_ms").asLong();
            assertThat(windows.get(i).get("start_ms").asLong()).as("window after %s of %s", previous, equip).isEqualTo(previous + WINDOW_MS);
        }
    }

    private static double averageCount(List<JsonNode> windows, java.util.function.Predicate<JsonNode> which) {
        return windows.stream().filter(which).mapToLong(w -> w.get("input_count").asLong()).average().orElseThrow();
    }

    /** Recomputes the fingerprint's statistics from the input records saved with it. */
    private static void assertMatchesItsInputs(JsonNode doc) {
        JsonNode fingerprint = doc.get("fingerprint");
        JsonNode inputs = doc.get("input_records");
        assertThat(doc.get("input_count").asInt()).isEqualTo(inputs.size());
        long start = fingerprint.get("start_ms").asLong();
        long end = fingerprint.get("end_ms").asLong();
        Map<String, List<Double>> values = new TreeMap<>();
        long previous = Long.MIN_VALUE;
        for (JsonNode record : inputs) {
            long ts = record.get("timestamp").asLong();
            assertThat(ts).isBetween(start, end - 1).isGreaterThanOrEqualTo(previous);
            previous = ts;
            assertThat(record.get("equip_id").asText()).isEqualTo(fingerprint.get("equip_id").asText());
            record.get("data").fields().forEachRemaining(e -> {
                if (!e.getValue().isNull() && !"null".equals(e.getValue().asText())) {
                    values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(Double.parseDouble(e.getValue().asText()));
                }
            });
        }
        JsonNode data = fingerprint.get("data");
        assertThat(data.size()).isEqualTo(values.size());
        values.forEach((sensor, list) -> {
            double[] v = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            JsonNode s = data.get(sensor);
            int n = v.length;
            double mean = Arrays.stream(v).sum() / n;
            double variance = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / n;
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            assertThat(s.get("count").asLong()).as("count of %s", sensor).isEqualTo(n);
            assertClose(s.get("min").asDouble(), v[0]);
            assertClose(s.get("max").asDouble(), v[n - 1]);
            assertClose(s.get("median").asDouble(), median);
            assertClose(s.get("mean").asDouble(), mean);
            assertClose(s.get("std_dev").asDouble(), Math.sqrt(variance));
        });
    }

    private static void assertClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(1e-9 * Math.max(Math.abs(expected), 1e-9));
    }

    private JsonNode get(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (AssertionError e) {
                last = e;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not within " + timeout, last);
    }

    private static String freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return Integer.toString(s.getLocalPort());
        }
    }
}
