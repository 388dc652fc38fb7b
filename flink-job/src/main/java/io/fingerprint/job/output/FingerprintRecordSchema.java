package io.fingerprint.job.output;

import io.fingerprint.formats.fingerprint.Fingerprint;
import io.fingerprint.formats.fingerprint.FingerprintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A fingerprint as a Kafka record: key equip_id, so one equipment's fingerprints stay in order. */
public final class FingerprintRecordSchema implements KafkaRecordSerializationSchema<Fingerprint> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    public FingerprintRecordSchema(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Fingerprint f, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, Long.toString(f.equipId).getBytes(StandardCharsets.UTF_8),
                FingerprintWriter.write(f));
    }
}
