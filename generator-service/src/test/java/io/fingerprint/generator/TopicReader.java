package io.fingerprint.generator;

import io.fingerprint.kafkalocal.KafkaLocal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the test topic straight from the broker: what really arrived, not what the app counted. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();

    public TopicReader(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaLocal.shared().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        consumer.assign(partitions);
    }

    /** Total records in the topic so far: the sum of the end offsets. */
    public long endOffset() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Starts reading at the current end, so only records produced from now on are seen. */
    public TopicReader fromNow() {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return this;
    }

    /** Polls until {@code count} records arrived or the timeout passed; returns what it got. */
    public List<ConsumerRecord<String, String>> read(int count, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
