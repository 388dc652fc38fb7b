package io.fingerprint.saver.join;

import io.fingerprint.saver.ingest.InvalidRecordException;
import io.fingerprint.saver.ingest.ReadingKey;
import io.fingerprint.saver.ingest.ReadingValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The join thread: reads every partition of {@code sensor-data} with a plain consumer (assigned,
 * no group: each saver needs all readings, and the join needs per-partition positions, end
 * offsets and seeking by time, which a messaging channel hides), feeds {@link JoinState} and hands
 * ready fingerprints to the writer. Nothing else touches the consumer or the state.
 */
final class SensorDataJoinLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(SensorDataJoinLoop.class);
    private static final long END_CHECK_INTERVAL_MS = 200;
    private static final long PARTITION_REFRESH_MS = 30_000;
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final JoinState state;
    private final ReadingValidator validator;
    private final Consumer<SaveRequest> writer;
    private final Runnable onMalformedReading;
    private final LongSupplier clock;
    private final BlockingQueue<Arrival> inbox = new LinkedBlockingQueue<>();

    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile int pendingCount;
    private volatile long bufferedCount;
    private volatile String problem = "not started";

    private List<TopicPartition> partitions = List.of();
    private long partitionsCheckedAt;
    private long endsCheckedAt; // 0, not MIN_VALUE: now - MIN_VALUE overflows

    SensorDataJoinLoop(Map<String, Object> consumerConfig, String topic, JoinState state, ReadingValidator validator,
                       Consumer<SaveRequest> writer, Runnable onMalformedReading, LongSupplier clock) {
        this.consumerConfig = consumerConfig;
        this.topic = topic;
        this.state = state;
        this.validator = validator;
        this.writer = writer;
        this.onMalformedReading = onMalformedReading;
        this.clock = clock;
    }

    void submit(Arrival arrival) {
        inbox.add(arrival);
    }

    int waiting() {
        return pendingCount + inbox.size();
    }

    long buffered() {
        return bufferedCount;
    }

    /** Null while healthy, else why not. */
    String problem() {
        return problem;
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
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig)) {
            consumer = c;
            while (running) {
                try {
                    step(c);
                } catch (WakeupException | InterruptException e) {
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (KafkaException e) {
                    problem = "reading " + topic + ": " + e.getMessage();
                    LOG.warnf("Reading %s failed, retrying in 1 s: %s", topic, e.getMessage());
                    pause(1000);
                }
            }
        } catch (RuntimeException e) {
            problem = "join thread stopped: " + e;
            LOG.errorf(e, "The join thread stopped");
            throw e;
        }
    }

    private void step(KafkaConsumer<byte[], byte[]> c) throws InterruptedException {
        boolean assigned = assign(c);
        for (Arrival a; (a = inbox.poll()) != null; ) {
            state.offer(a.fingerprint(), a.delivery(), a.receivedAt());
        }
        if (!assigned) {
            // No sensor-data to read (topic missing): fingerprints still get written after max-wait.
            writeReady();
            publishCounts();
            return;
        }
        OptionalLong rewind = state.rewindTo();
        if (rewind.isPresent()) {
            seek(c, rewind.getAsLong());
        }
        if (!state.reading()) {
            // Nothing to join yet: wait for the first fingerprint instead of reading the whole topic.
            Arrival a = inbox.poll(100, TimeUnit.MILLISECONDS);
            if (a != null) {
                inbox.add(a);
            }
            publishCounts();
            problem = null;
            return;
        }
        ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                ReadingKey key = validator.validate(r.value());
                state.onReading(r.partition(), key.equipId(), key.timestamp(), r.value());
            } catch (InvalidRecordException e) {
                onMalformedReading.run();
                LOG.debugf("Skipped malformed reading %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
            }
        }
        checkEnds(c);
        writeReady();
        state.evict();
        publishCounts();
        problem = null;
    }

    private void writeReady() {
        for (SaveRequest ready : state.collectReady(clock.getAsLong())) {
            writer.accept(ready);
        }
    }

    /** Assigns all partitions of the topic; re-checks now and then, and a change of partitions starts over. */
    private boolean assign(KafkaConsumer<byte[], byte[]> c) {
        long now = clock.getAsLong();
        if (!partitions.isEmpty() && now - partitionsCheckedAt < PARTITION_REFRESH_MS) {
            return true;
        }
        partitionsCheckedAt = now;
        List<PartitionInfo> infos = c.partitionsFor(topic, KAFKA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            problem = "topic " + topic + " not found";
            partitions = List.of();
            pause(1000);
            return false;
        }
        List<TopicPartition> current = infos.stream()
                .map(i -> new TopicPartition(topic, i.partition())).sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
        if (!current.equals(partitions)) {
            c.assign(current);
            partitions = current;
            if (state.reading()) {
                // New partitions: read them all again from the current floor, positions included.
                seek(c, state.floor());
            }
        }
        return true;
    }

    /** Every partition to the first record stamped at or after floor minus out-of-orderness. */
    private void seek(KafkaConsumer<byte[], byte[]> c, long floor) {
        long target = Math.max(0, floor - state.outOfOrdernessMs());
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, target));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(query, KAFKA_TIMEOUT);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = offsets.get(tp);
            if (at == null) {
                c.seekToEnd(List.of(tp));
            } else {
                c.seek(tp, at.offset());
            }
        }
        state.rewound(floor, partitions.size());
        endsCheckedAt = 0;
        LOG.infof("Reading %s from %s (records stamped from %s) for the oldest waiting fingerprint",
                topic, Instant.ofEpochMilli(floor), Instant.ofEpochMilli(target));
    }

    /** Marks partitions read to their end; the time is taken before asking, so it is a safe lower bound. */
    private void checkEnds(KafkaConsumer<byte[], byte[]> c) {
        long now = clock.getAsLong();
        if (!state.hasPending() || now - endsCheckedAt < END_CHECK_INTERVAL_MS) {
            return;
        }
        endsCheckedAt = now;
        Map<TopicPartition, Long> ends = c.endOffsets(partitions, KAFKA_TIMEOUT);
        for (TopicPartition tp : partitions) {
            Long end = ends.get(tp);
            if (end != null && c.position(tp, KAFKA_TIMEOUT) >= end) {
                state.onCaughtUp(tp.partition(), now);
            }
        }
    }

    private void publishCounts() {
        pendingCount = state.pendingCount();
        bufferedCount = state.bufferedCount();
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }
}
