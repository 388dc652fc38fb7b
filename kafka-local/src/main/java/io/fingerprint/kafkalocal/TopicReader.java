package io.fingerprint.kafkalocal;

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

/**
 * Reads one topic straight from the broker, every partition assigned, no consumer group, as a
 * {@code read_committed} consumer sees it: what really arrived, not what a part counted. The tests'
 * one way to look into a topic.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final List<TopicPartition> partitions = new ArrayList<>();

    /** Positioned at the beginning of every partition. */
    public TopicReader(String bootstrap, String topic) {
        this(bootstrap, topic, Map.of());
    }

    /** The same with consumer settings of the caller's (a shorter {@code fetch.max.wait.ms} to time arrivals). */
    public TopicReader(String bootstrap, String topic, Map<String, Object> settings) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.putAll(settings);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every record of the topic up to its last stable offsets as of now; fails if that takes over 60 s. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            return reader.readToEnd();
        }
    }

    private List<ConsumerRecord<String, String>> readToEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(30)) < ends.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end " + ends + " within 60 s");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
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

    /** Everything that arrives during {@code span}: for asserting what does not come (a scenario's quiet span, not a wait). */
    public List<ConsumerRecord<String, String>> readFor(Duration span) {
        return read(Integer.MAX_VALUE, span);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
