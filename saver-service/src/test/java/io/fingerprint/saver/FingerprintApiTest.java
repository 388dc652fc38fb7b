package io.fingerprint.saver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.fingerprint.kafkalocal.FromTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP API over saved files. The files are saved the way the saver saves every file: readings
 * and then fingerprints through the real broker, for equipment and windows no other test uses (the
 * filters keep other tests' files out of view). Only HTTP, Kafka and the output folder are used, so
 * the same tests run against the native executable ({@code NativeFingerprintApiIT}).
 */
@QuarkusTest
@QuarkusTestResource(SaverTopicsResource.class)
class FingerprintApiTest {

    static final long MINUTE = 60_000;
    /** 40 minutes ago: far from the other tests' windows (the last 13 minutes and the next ones), within the broker's retention. */
    static final long BASE = (System.currentTimeMillis() / MINUTE - 40) * MINUTE;
    static final String A = "9101";
    static final String B = "9102";
    /** The stream test's equipment, one per fingerprint it sends. */
    private static final AtomicLong NEXT_STREAMED = new AtomicLong(9200);

    @FromTestResource("saver.sensor-topic")
    String sensorTopic;
    @FromTestResource("saver.fingerprint-topic")
    String fingerprintTopic;
    @FromTestResource("saver.output-dir")
    String outputDir;
    @TestHTTPResource("/fingerprints/stream")
    URI streamUri;

    /**
     * Sends the window's readings, then its fingerprint naming them as the job does (none named when
     * there are none): the saver joins and saves them. The fingerprint's uuid.
     */
    private String send(long equip, long start, long... readingTimes) {
        try (TestKafka kafka = new TestKafka()) {
            long first = -1;
            long last = -1;
            for (long t : readingTimes) {
                last = kafka.send(sensorTopic, 0, t, Json.reading(equip, t));
                first = first < 0 ? last : first;
            }
            String uuid = Json.uuid(equip, start, start + MINUTE);
            String fingerprint = readingTimes.length == 0 ? Json.fingerprintObject(uuid, equip, start, start + MINUTE)
                    : Json.fingerprintObject(uuid, equip, start, start + MINUTE, Json.range(sensorTopic, 0, first, last, readingTimes.length));
            kafka.send(fingerprintTopic, 0, start + MINUTE, Json.message(fingerprint));
            return uuid;
        }
    }

    private static void awaitServed(List<String> uuids) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(uuids).allSatisfy(uuid -> given().get("/fingerprints/" + uuid).then().statusCode(200)));
    }

    /** Once per application: every test after the first finds these files saved. */
    @BeforeEach
    void seed() {
        if (given().get("/fingerprints/" + Json.uuid(Long.parseLong(B), BASE + MINUTE, BASE + 2 * MINUTE)).statusCode() == 200) {
            return;
        }
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = BASE + i * MINUTE;
            sent.add(send(Long.parseLong(A), start, start + 1, start + 2));
        }
        sent.add(send(Long.parseLong(B), BASE, BASE));
        sent.add(send(Long.parseLong(B), BASE + MINUTE));
        awaitServed(sent);
    }

    @Test
    void listsNewestFirstForOneEquipment() {
        JsonPath page = given().queryParam("equip_id", A).get("/fingerprints")
                .then().statusCode(200).extract().jsonPath();

        assertThat(page.getList("items.end_ms", Long.class))
                .containsExactly(BASE + 5 * MINUTE, BASE + 4 * MINUTE, BASE + 3 * MINUTE, BASE + 2 * MINUTE, BASE + MINUTE);
        assertThat(page.getList("items.equip_id", String.class)).containsOnly(A);
        assertThat(page.getString("items[0].uuid")).isEqualTo(Json.uuid(9101, BASE + 4 * MINUTE, BASE + 5 * MINUTE));
        assertThat(page.getString("items[0].type")).isEqualTo("kiln");
        assertThat(page.getLong("items[0].start_ms")).isEqualTo(BASE + 4 * MINUTE);
        assertThat(page.getList("items[0].sensors", String.class)).containsExactly("0001", "0002");
        assertThat(page.getInt("items[0].input_count")).isEqualTo(2);
        assertThat(page.getBoolean("items[0].complete")).isTrue();
        assertThat(page.getString("next_cursor")).isNull();
    }

    @Test
    void fromAndToKeepWindowsThatLieWithin() {
        JsonPath page = given().queryParam("from", BASE + MINUTE).queryParam("to", BASE + 3 * MINUTE)
                .get("/fingerprints").then().statusCode(200).extract().jsonPath();

        assertThat(page.getList("items.start_ms", Long.class)).containsExactly(BASE + 2 * MINUTE, BASE + MINUTE, BASE + MINUTE);
        assertThat(page.getList("items.equip_id", String.class)).containsExactlyInAnyOrder(A, A, B);
    }

    @Test
    void pagesFollowTheCursorToTheEnd() {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("equip_id", A).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/fingerprints").then().statusCode(200).extract().jsonPath();
            List<Long> ends = page.getList("items.end_ms", Long.class);
            assertThat(ends).hasSizeBetween(1, 2);
            seen.addAll(ends);
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(BASE + 5 * MINUTE, BASE + 4 * MINUTE, BASE + 3 * MINUTE, BASE + 2 * MINUTE, BASE + MINUTE);
    }

    @Test
    void oneFingerprintIsTheSavedDocument() throws Exception {
        String uuid = Json.uuid(9101, BASE, BASE + MINUTE);
        String body = given().get("/fingerprints/" + uuid).then().statusCode(200)
                .contentType(containsString("application/json")).extract().asString();

        long first = offsetOf(Json.reading(9101, BASE + 1));
        assertThat(body).isEqualTo("{\"fingerprint\":" + Json.fingerprintObject(uuid, 9101, BASE, BASE + MINUTE,
                Json.range(sensorTopic, 0, first, offsetOf(Json.reading(9101, BASE + 2)), 2))
                + ",\"joined_by\":\"lineage\",\"input_records\":[" + Json.reading(9101, BASE + 1) + "," + Json.reading(9101, BASE + 2)
                + "],\"input_count\":2,\"complete\":true}");
        assertThat(body).isEqualTo(Files.readString(fileOf(uuid)));
        given().get("/fingerprints/" + uuid.toUpperCase()).then().statusCode(200);
    }

    @Test
    void anUnknownFingerprintIs404() {
        given().get("/fingerprints/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).body("error", notNullValue());
    }

    @Test
    void latestIsTheNewestWindowOfTheEquipment() {
        given().queryParam("equip_id", B).get("/fingerprints/latest").then().statusCode(200)
                .body("fingerprint.uuid", org.hamcrest.Matchers.equalTo(Json.uuid(9102, BASE + MINUTE, BASE + 2 * MINUTE)))
                .body("input_count", org.hamcrest.Matchers.equalTo(0));
        given().queryParam("equip_id", "424242").get("/fingerprints/latest").then().statusCode(404).body("error", notNullValue());
        given().get("/fingerprints/latest").then().statusCode(200).body("fingerprint.uuid", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"from=abc", "from=-1", "to=1.5", "to=-5", "from=10&to=9", "limit=0", "limit=1001", "limit=ten",
            "cursor=garbage", "cursor=1_2_..%2F..%2Fetc", "equip_id=..%2F..", "equip_id=a%20b"})
    void badParametersAre400WithAReason(String query) {
        given().urlEncodingEnabled(false).get("/fingerprints?" + query)
                .then().statusCode(400).contentType(containsString("application/json")).body("error", notNullValue());
    }

    @Test
    void latestRefusesABadEquipId() {
        given().urlEncodingEnabled(false).get("/fingerprints/latest?equip_id=%2e%2e%2f").then().statusCode(400).body("error", notNullValue());
    }

    /** Sent over a plain socket, byte for byte: HTTP clients would normalise the dot segments away first. */
    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "..", "%2e%2e", "%2E%2E", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5C..%5Cwindows", "00000000-0000-0000-0000-000000000000.json",
            "00000000-0000-0000-0000-00000000000%2F", "00000000-0000-0000-0000-000000000000/..%2F..%2Fx"})
    void pathTraversalIs400AndReadsNothing(String id) throws Exception {
        String response = rawGet("/fingerprints/" + id);

        assertThat(response).startsWith("HTTP/1.1 400").contains("\"error\":").doesNotContain("root:");
    }

    private String rawGet(String path) throws Exception {
        try (Socket socket = new Socket(streamUri.getHost(), streamUri.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theStreamSendsEachNewlySavedFingerprint() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(streamUri).header("Accept", "text/event-stream").build();
        var pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        Map<String, Long> sent = new ConcurrentHashMap<>(); // uuid -> equipment
        try {
            // A new fingerprint each time until the subscriber is surely connected: a broadcast only reaches current subscribers.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                long equip = NEXT_STREAMED.getAndIncrement();
                sent.put(send(equip, BASE, BASE), equip);
                assertThat(lines).anySatisfy(line -> assertThat(sent).anySatisfy((uuid, e) -> assertThat(line)
                        .startsWith("data:").contains(uuid).contains("\"input_count\":1").contains("\"equip_id\":\"" + e + "\"")));
            });
        } finally {
            pending.cancel(true);
        }
        awaitServed(List.copyOf(sent.keySet())); // none left in flight to meet the next test
    }

    @Test
    void readinessChecksKafkaTheReaderAndTheOutputFolder() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItems("output-folder", "sensor-data-reader"));
        given().get("/q/health/live").then().statusCode(200);
    }

    /** The folder disappears: readiness goes DOWN, the save is retried, nothing is lost once it is back. */
    @Test
    void aFailingWriteShowsInReadinessAndIsRetriedUntilItSucceeds() throws Exception {
        Path dir = Path.of(outputDir);
        Path away = dir.resolveSibling(dir.getFileName() + "-away");
        // Nothing else may be on its way to the writer, or that write, caught by the move, is the one
        // that fails and is retried ahead of this one.
        await().atMost(Duration.ofSeconds(10)).until(() ->
                SaverView.metric("saver_fingerprints_waiting") == 0 && SaverView.metric("saver_writer_queued") == 0);
        Files.move(dir, away);
        String uuid;
        try {
            uuid = send(9104, BASE, BASE);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                given().get("/q/health/ready").then().statusCode(503)
                        .body("checks.find { it.name == 'output-folder' }.status", org.hamcrest.Matchers.equalTo("DOWN"));
                assertThat(SaverView.failedWrite()).contains(uuid);
            });
            given().get("/fingerprints/" + uuid).then().statusCode(404);
        } finally {
            Files.move(away, dir);
        }
        awaitServed(List.of(uuid));
        assertThat(fileOf(uuid)).exists();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void metricsAreExposed() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("saver_fingerprints_saved_total"))
                .body(containsString("saver_buffer_records"))
                .body(containsString("saver_fingerprints_waiting"))
                .body(containsString("saver_fingerprints_dlq_total"))
                .body(containsString("saver_join_latency_seconds"));
    }

    /** The page, its script and Chart.js from the webjar: what a browser loads, nothing from a CDN. */
    @Test
    void theDashboardPageAndItsChartLibraryAreServed() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("/webjars/chart.js/dist/chart.umd.js")).body(containsString("dashboard.js"));
        given().get("/dashboard.js").then().statusCode(200).body(containsString("/dashboard/equipments"));
        given().get("/dashboard.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/webjars/chart.js/dist/chart.umd.js").then().statusCode(200).body(containsString("Chart"));
    }

    @Test
    void theDashboardApiShowsTheStatisticsOfTheNewestWindows() {
        JsonPath windows = given().queryParam("equip_id", A).queryParam("limit", 2).get("/dashboard/fingerprints")
                .then().statusCode(200).extract().jsonPath();
        assertThat(windows.getList("items.end_ms", Long.class)).containsExactly(BASE + 5 * MINUTE, BASE + 4 * MINUTE);
        assertThat(windows.getDouble("items[0].sensors.'0001'.median")).isEqualTo(1.5);
        assertThat(windows.getInt("items[0].input_count")).isEqualTo(2);

        String uuid = Json.uuid(9101, BASE, BASE + MINUTE);
        given().get("/dashboard/fingerprints/" + uuid).then().statusCode(200)
                .body("uuid", org.hamcrest.Matchers.equalTo(uuid)).body("sensors.'0002'.count", org.hamcrest.Matchers.equalTo(1));
        given().get("/dashboard/equipments").then().statusCode(200)
                .body("equipments.find { it.equip_id == '" + B + "' }.end_ms", org.hamcrest.Matchers.equalTo(BASE + 2 * MINUTE));
        given().get("/dashboard/config").then().statusCode(200).body("window_ms", org.hamcrest.Matchers.equalTo(60_000));
    }

    /** Where this reading is in partition 0 of sensor-data. */
    private long offsetOf(String reading) {
        return TestKafka.readAll(sensorTopic).stream().filter(r -> r.partition() == 0 && r.value().equals(reading))
                .mapToLong(org.apache.kafka.clients.consumer.ConsumerRecord::offset).findFirst().orElseThrow();
    }

    private Path fileOf(String uuid) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(outputDir))) {
            return files.filter(p -> p.getFileName().toString().startsWith(uuid + "_")).findFirst()
                    .orElseThrow(() -> new AssertionError("no file of " + uuid + " in " + outputDir));
        }
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/fingerprints/{uuid}"));
    }
}
