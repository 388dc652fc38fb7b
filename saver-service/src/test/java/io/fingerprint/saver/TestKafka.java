package io.fingerprint.saver;

import io.fingerprint.kafkalocal.KafkaLocal;
import io.fingerprint.kafkalocal.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Hand-made records for the saver's topics; what a topic holds, through kafka-local's {@link TopicReader}. */
public final class TestKafka implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaLocal.shared().bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));

    /** Sends to one partition, stamped with the reading's time as the generator does; waits for the ack; the offset. */
    public long send(String topic, int partition, long timestamp, String value) {
        try {
            return producer.send(new ProducerRecord<>(topic, partition, timestamp, null, value)).get(30, TimeUnit.SECONDS).offset();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Sends without waiting; {@link #flush()} before relying on them. */
    public Future<RecordMetadata> sendAsync(String topic, int partition, long timestamp, String value) {
        return producer.send(new ProducerRecord<>(topic, partition, timestamp, null, value));
    }

    /** Where a send landed, once acknowledged. */
    public static RecordMetadata acked(Future<RecordMetadata> send) {
        try {
            return send.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("a send was not acknowledged", e);
        }
    }

    public void flush() {
        producer.flush();
    }

    /** Every record of the topic so far (reads until the end offsets). */
    public static List<ConsumerRecord<String, String>> readAll(String topic) {
        return TopicReader.readAll(KafkaLocal.shared().bootstrapServers(), topic);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
