package io.fingerprint.job.output;

import io.fingerprint.formats.fingerprint.Fingerprint;
import io.fingerprint.formats.fingerprint.FingerprintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Each element as one Kafka record of one topic, its key and value made by two functions. */
public final class TopicRecordSchema<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final SerializableFunction<T, byte[]> key;
    private final SerializableFunction<T, byte[]> value;

    private TopicRecordSchema(String topic, SerializableFunction<T, byte[]> key, SerializableFunction<T, byte[]> value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }

    /** Fingerprints keyed by equip_id, so one equipment's fingerprints stay in order. */
    public static TopicRecordSchema<Fingerprint> fingerprints(String topic) {
        return new TopicRecordSchema<>(topic, f -> Long.toString(f.equipId).getBytes(StandardCharsets.UTF_8),
                FingerprintWriter::write);
    }

    /** Dead letters without a key: spread over the DLQ's partitions. */
    public static TopicRecordSchema<DeadLetter> deadLetters(String topic) {
        return new TopicRecordSchema<>(topic, d -> null, DeadLetterJson::deadLetter);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, key.apply(element), value.apply(element));
    }
}
