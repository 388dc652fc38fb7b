package io.fingerprint.job.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.fingerprint.formats.fingerprint.Fingerprint;
import io.fingerprint.formats.fingerprint.FingerprintWriter;
import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.fingerprint.SensorSummary;
import java.nio.charset.StandardCharsets;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class TopicRecordSchemaTest {

    @Test
    void fingerprintsAreKeyedByEquipmentSoOneEquipmentsStayInOrder() throws Exception {
        Fingerprint f = Fingerprint.of(110, "kiln", 0, 60_000, new SensorSummary[] {new SensorSummary("0001", 1, 3, 2, 2, 1, 3)},
                new InputRange[] {new InputRange("sensor-data", 0, 5, 7, 3)});
        ProducerRecord<byte[], byte[]> record = roundTripped(TopicRecordSchema.fingerprints("fingerprint-output")).serialize(f, null, null);
        assertThat(record.topic()).isEqualTo("fingerprint-output");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("110");
        assertThat(record.value()).isEqualTo(FingerprintWriter.write(f));
    }

    @Test
    void deadLettersHaveNoKeySoTheySpreadOverTheDlqsPartitions() throws Exception {
        DeadLetter d = new DeadLetter("late", "{}", "sensor-data", 1, 42, 7);
        ProducerRecord<byte[], byte[]> record = roundTripped(TopicRecordSchema.deadLetters("sensor-data-dlq")).serialize(d, null, null);
        assertThat(record.topic()).isEqualTo("sensor-data-dlq");
        assertThat(record.key()).isNull();
        assertThat(record.value()).isEqualTo(DeadLetterJson.deadLetter(d));
    }

    /** The schema as the sink gets it: Java-serialised with the job graph. */
    private static <T> TopicRecordSchema<T> roundTripped(TopicRecordSchema<T> schema) throws Exception {
        return InstantiationUtil.deserializeObject(InstantiationUtil.serializeObject(schema), TopicRecordSchemaTest.class.getClassLoader());
    }
}
