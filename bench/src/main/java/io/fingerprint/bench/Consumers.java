package io.fingerprint.bench;

import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The bench's one way to read a topic raw: a byte[] consumer without a group, for assigned partitions. */
final class Consumers {

    private Consumers() {
    }

    /** Large fetches (the ceiling reads millions of records); committed records only, as the job reads. */
    static KafkaConsumer<byte[], byte[]> bytes(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("max.poll.records", "5000");
        p.put("fetch.max.bytes", String.valueOf(64 << 20));
        p.put("max.partition.fetch.bytes", String.valueOf(16 << 20));
        p.put("isolation.level", "read_committed");
        return new KafkaConsumer<>(p);
    }
}
