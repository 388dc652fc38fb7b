package io.fingerprint.saver.join;

import io.fingerprint.formats.reading.InvalidReadingException;
import io.fingerprint.formats.reading.ReadingParser;
import io.fingerprint.formats.reading.SensorReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Follows every partition of {@code sensor-data} from its end as it was at start-up, parses each
 * record once as it arrives and keeps it in the {@link TailCache}: by the time a window's fingerprint
 * is committed, its inputs were read long ago. Only an optimisation: whatever it does not hold (before
 * start-up, evicted, a partition it fell behind on) the join reads from Kafka. Its own consumer and
 * parser; nothing else touches them.
 */
final class ReadAhead implements Runnable {

    private static final Logger LOG = Logger.getLogger(ReadAhead.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    /** How often it looks for partitions added to the topic. */
    private static final long PARTITIONS_CHECK_MS = 30_000;

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final ReadingParser parser;
    private final TailCache cache;
    private final LongConsumer onRejected;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    /** @param onRejected records the parser rejects, counted once each here (joins from memory skip them) */
    ReadAhead(Map<String, Object> consumerConfig, String topic, ReadingParser parser, TailCache cache, LongConsumer onRejected) {
        this.consumerConfig = consumerConfig;
        this.topic = topic;
        this.parser = parser;
        this.cache = cache;
        this.onRejected = onRejected;
    }

    void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                follow();
            } catch (WakeupException | InterruptException e) {
                return; // stopping
            } catch (KafkaException e) {
                // The join reads from Kafka meanwhile: slower, never wrong. Nothing held is waited for.
                cache.clear();
                LOG.warnf("Reading %s ahead failed, starting again in 5 s; meanwhile inputs are read from Kafka"
                        + " when each fingerprint arrives: %s", topic, e.getMessage());
                Pause.sleep(5000);
            }
        }
    }

    private void follow() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig)) {
            consumer = c;
            if (!running) {
                return; // stop() came before the consumer it would wake
            }
            Set<TopicPartition> followed = new HashSet<>();
            long partitionsCheckedAt = 0;
            while (running) {
                if (System.currentTimeMillis() - partitionsCheckedAt >= PARTITIONS_CHECK_MS) {
                    partitionsCheckedAt = System.currentTimeMillis();
                    followNew(c, followed);
                }
                if (followed.isEmpty()) {
                    Pause.sleep(1000);
                    continue;
                }
                try {
                    keep(c.poll(POLL));
                } catch (OffsetOutOfRangeException e) {
                    // fell behind retention: what it held of those partitions is no longer one unbroken stretch
                    LOG.warnf("Reading ahead fell behind retention on %s: following from their end again", e.partitions());
                    c.seekToEnd(e.partitions());
                    for (TopicPartition tp : e.partitions()) {
                        cache.start(tp.partition(), c.position(tp, KAFKA_TIMEOUT));
                    }
                }
            }
        }
    }

    /** Assigns partitions not followed yet: at start-up from their end, added later from their beginning. */
    private void followNew(KafkaConsumer<byte[], byte[]> c, Set<TopicPartition> followed) {
        List<PartitionInfo> infos;
        try {
            infos = c.partitionsFor(topic, KAFKA_TIMEOUT);
        } catch (KafkaException e) {
            LOG.debugf("Listing the partitions of %s failed: %s", topic, e.getMessage());
            return;
        }
        if (infos == null) {
            return;
        }
        List<TopicPartition> added = new ArrayList<>();
        for (PartitionInfo info : infos) {
            TopicPartition tp = new TopicPartition(topic, info.partition());
            if (!followed.contains(tp)) {
                added.add(tp);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        boolean atStart = followed.isEmpty();
        followed.addAll(added);
        c.assign(followed);
        if (atStart) {
            c.seekToEnd(added);
        } else {
            c.seekToBeginning(added);
        }
        for (TopicPartition tp : added) {
            cache.start(tp.partition(), c.position(tp, KAFKA_TIMEOUT));
        }
        LOG.infof("Reading %s ahead: partitions %s", topic, added.stream().map(TopicPartition::partition).toList());
    }

    private void keep(ConsumerRecords<byte[], byte[]> polled) {
        long rejected = 0;
        for (TopicPartition tp : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(tp);
            int n = records.size();
            long[] offsets = new long[n];
            long[] equipIds = new long[n];
            long[] timestamps = new long[n];
            byte[][] raws = new byte[n][];
            for (int i = 0; i < n; i++) {
                ConsumerRecord<byte[], byte[]> r = records.get(i);
                offsets[i] = r.offset();
                raws[i] = r.value() == null ? new byte[0] : r.value();
                try {
                    SensorReading reading = parser.parse(r.value());
                    equipIds[i] = reading.equipId;
                    timestamps[i] = reading.timestamp;
                } catch (InvalidReadingException e) {
                    timestamps[i] = TailChunk.REJECTED;
                    rejected++;
                }
            }
            // Continues where the partition stands: only markers or aborted records lie between.
            cache.append(new TailChunk(tp.partition(), cache.next(tp.partition()), offsets[n - 1] + 1, offsets, equipIds, timestamps, raws));
        }
        if (rejected > 0) {
            onRejected.accept(rejected);
        }
    }
}
