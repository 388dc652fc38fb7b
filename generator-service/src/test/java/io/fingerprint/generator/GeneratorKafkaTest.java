package io.fingerprint.generator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fingerprint.kafkalocal.FromTestResource;
import io.fingerprint.kafkalocal.KafkaLocal;
import io.fingerprint.kafkalocal.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generator against the real broker: what arrives in the topic, and how the rate steers it. */
@QuarkusTest
@QuarkusTestResource(SensorTopicResource.class)
class GeneratorKafkaTest {

    private static final Pattern VALUE = Pattern.compile("(100\\.000|[0-9]{1,2}\\.[0-9]{3})");
    private static final ObjectMapper JSON = new ObjectMapper();

    @FromTestResource("mp.messaging.outgoing.sensor-data.topic")
    String topic;

    @AfterEach
    void stop() {
        GeneratorApi.setRate(0).statusCode(200);
    }

    @Test
    void readingsHaveTheSchemaKeyAndTimestampAndCoverAllEquipmentAndSensors() throws Exception {
        List<ConsumerRecord<String, String>> records;
        try (TopicReader reader = new TopicReader(KafkaLocal.shared().bootstrapServers(), topic).fromNow()) {
            GeneratorApi.setRate(2000).statusCode(200);
            records = reader.read(4000, Duration.ofSeconds(15));
        }
        assertThat(records).hasSizeGreaterThanOrEqualTo(4000);

        Set<Integer> equipment = new HashSet<>();
        Set<String> sensors = new HashSet<>();
        long values = 0;
        long nulls = 0;
        for (ConsumerRecord<String, String> record : records) {
            JsonNode reading = JSON.readTree(record.value());
            assertThat(fieldNames(reading)).containsExactly("equip_id", "timestamp", "data");
            assertThat(reading.get("equip_id").isInt()).isTrue();
            assertThat(reading.get("timestamp").isIntegralNumber()).isTrue();
            int equipId = reading.get("equip_id").asInt();
            assertThat(record.key()).isEqualTo(String.valueOf(equipId));
            assertThat(record.timestamp()).isEqualTo(reading.get("timestamp").asLong());
            assertThat(record.timestamp()).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
            equipment.add(equipId);
            JsonNode data = reading.get("data");
            assertThat(fieldNames(data)).containsExactly("0001", "0002", "0003", "0004", "0005");
            for (String sensor : fieldNames(data)) {
                sensors.add(sensor);
                JsonNode value = data.get(sensor);
                assertThat(value.isTextual()).as("values are strings: %s", record.value()).isTrue();
                values++;
                if (value.asText().equals("null")) {
                    nulls++;
                } else {
                    assertThat(value.asText()).matches(VALUE);
                }
            }
        }
        assertThat(equipment).containsExactlyInAnyOrder(110, 111, 112, 113, 114);
        assertThat(sensors).containsExactlyInAnyOrder("0001", "0002", "0003", "0004", "0005");
        // 20000+ values at p = 0.05: the standard deviation of the share is about 0.0015.
        assertThat((double) nulls / values).isBetween(0.04, 0.06);
    }

    @Test
    void aRateChangeThroughRestChangesHowMuchArrives() throws Exception {
        try (TopicReader reader = new TopicReader(KafkaLocal.shared().bootstrapServers(), topic)) {
            long low = countOver(reader, 10, Duration.ofSeconds(2));
            long high = countOver(reader, 4000, Duration.ofSeconds(2));
            // Nominal 20 and 8000; only the order of magnitude is asserted, accuracy is the benchmark's job.
            assertThat(low).isBetween(5L, 80L);
            assertThat(high).isBetween(2000L, 20_000L);
            assertThat(high).isGreaterThan(20 * low);
        }
    }

    @Test
    void pauseStopsEmissionAndResumeStartsItAgain() throws Exception {
        try (TopicReader reader = new TopicReader(KafkaLocal.shared().bootstrapServers(), topic)) {
            GeneratorApi.setRate(500).statusCode(200);
            long before = reader.endOffset();
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.endOffset() > before + 100);

            given().post("/generator/pause").then().statusCode(200);
            assertThat(GeneratorApi.running()).isFalse();
            assertThat(GeneratorApi.rate()).isEqualTo(500);
            // acks follow sends within milliseconds: a whole tick with none means the pause took effect
            // and what was already handed to the producer has landed
            await("a tick with nothing acknowledged").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> achievedPerSecond() == 0.0);
            long paused = reader.endOffset();
            Thread.sleep(2000); // a quiet-span assertion: nothing arrives while paused
            assertThat(reader.endOffset()).isEqualTo(paused);

            given().post("/generator/resume").then().statusCode(200);
            assertThat(GeneratorApi.running()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.endOffset() > paused + 100);
        }
    }

    @Test
    void sentCountsWhatKafkaAcknowledged() {
        long sentBefore = given().get("/generator").then().extract().jsonPath().getLong("sent");
        GeneratorApi.setRate(1000).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(
                () -> given().get("/generator").then().extract().jsonPath().getLong("sent") > sentBefore + 500);
        given().get("/generator").then().statusCode(200)
                .body("failed", org.hamcrest.Matchers.equalTo(0));
    }

    /** Sets the rate, waits until the generator reports a tick at about that rate, then counts what arrives in the window. */
    private static long countOver(TopicReader reader, int rate, Duration window) throws InterruptedException {
        GeneratorApi.setRate(rate).statusCode(200);
        await("a tick at about " + rate + "/s").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    double achieved = achievedPerSecond();
                    return achieved >= rate / 2.0 && achieved <= rate * 2.0;
                });
        long start = reader.endOffset();
        Thread.sleep(window.toMillis()); // the measurement span: a rate is what arrives in a fixed time
        return reader.endOffset() - start;
    }

    /** Readings Kafka acknowledged per second over the generator's last tick. */
    private static double achievedPerSecond() {
        return given().get("/generator").then().statusCode(200).extract().jsonPath().getDouble("achieved_per_second");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
