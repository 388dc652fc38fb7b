package io.fingerprint.saver;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link JoinKafkaTest} with reading ahead off: every range read from Kafka when its fingerprint
 * comes, as after a restart or for ranges evicted from memory. Here Kafka's retention can take a
 * range before it is read.
 */
@QuarkusTest
@TestProfile(JoinFromKafkaTest.ReadAheadOff.class)
class JoinFromKafkaTest extends JoinKafkaTest {

    public static class ReadAheadOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("saver.read-ahead", "0");
        }
    }

    @Override
    String spansJoinedFrom() {
        return "kafka";
    }

    /** Kafka no longer holds the start of a range (retention deleted it): the file says so and holds what is left. */
    @Test
    void aRangeDeletedByRetentionGivesAnIncompleteFileThatSaysWhy() throws Exception {
        long equip = NEXT_EQUIP.getAndIncrement();
        long start = windowStart(12);
        long end = start + MINUTE;
        long first = kafka.send(sensorTopic, 1, start + 1, Json.reading(equip, start + 1));
        long second = kafka.send(sensorTopic, 1, start + 2, Json.reading(equip, start + 2));
        String kept = Json.reading(equip, start + 3);
        long third = kafka.send(sensorTopic, 1, start + 3, kept);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.<String, Object>of(
                "bootstrap.servers", io.fingerprint.kafkalocal.KafkaLocal.shared().bootstrapServers()))) {
            // What retention does: the partition now starts at the third reading.
            admin.deleteRecords(Map.of(new org.apache.kafka.common.TopicPartition(sensorTopic, 1),
                    org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(third))).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        String uuid = Json.uuid(equip, start, end);
        kafka.send(fingerprintTopic, 1, end, Json.message(Json.fingerprintObject(uuid, equip, start, end,
                Json.range(sensorTopic, 1, first, third, 3))));

        String saved = Files.readString(awaitFile(uuid));

        assertThat(saved).contains("\"joined_by\":\"lineage\",\"incomplete_reason\":\"not in Kafka: " + sensorTopic + "-1 offsets "
                + first + ".." + second + " (deleted: the partition starts at " + third + ", retention); found 1 of the 3 readings");
        assertThat(saved).endsWith("\"input_records\":[" + kept + "],\"input_count\":1,\"complete\":false}");
    }
}
