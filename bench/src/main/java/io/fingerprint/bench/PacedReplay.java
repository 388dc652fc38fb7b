package io.fingerprint.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The preloaded readings copied into a saver's sensor topic at a fixed rate, partition and timestamp
 * kept, as a live stream brings them; each of the product's fingerprints goes into the saver's
 * fingerprint topic once the copied readings of every partition are past its window's end plus the
 * out-of-orderness, which is when the job would emit it.
 */
final class PacedReplay {

    /** Readings copied, over how long, and the fingerprints put in (uuid → "equip:start"). */
    record Result(long readings, double seconds, Map<String, String> released) {
        double rate() {
            return readings / seconds;
        }
    }

    private static final int PACE_EVERY = 100;

    private PacedReplay() {
    }

    static Result run(String bootstrap, String source, String target, SaverBench.Fingerprints fingerprints, String fingerprintTopic,
                      int rate, Duration duration, Duration outOfOrderness) {
        Integer[] byEnd = IntStream.range(0, fingerprints.records().size()).boxed()
                .sorted(Comparator.comparingLong(fingerprints.ends()::get)).toArray(Integer[]::new);
        Map<String, String> released = new HashMap<>();
        int next = 0;
        long copied = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = Consumers.bytes(bootstrap);
             KafkaProducer<byte[], byte[]> producer = SaverBench.producer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(source).stream().map(p -> new TopicPartition(source, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long total = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            long[] newest = new long[partitions.size()];
            Arrays.fill(newest, Long.MIN_VALUE);
            long t0 = System.nanoTime();
            long end = t0 + duration.toNanos();
            while (System.nanoTime() < end && copied < total) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (copied % PACE_EVERY == 0) {
                        // pacing: the scenario is a stream of `rate` readings/s, not a wait for a condition
                        long due = t0 + copied * 1_000_000_000L / rate;
                        for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                            LockSupport.parkNanos(due - now);
                        }
                    }
                    producer.send(new ProducerRecord<>(target, r.partition(), r.timestamp(), r.key(), r.value()));
                    newest[r.partition()] = Math.max(newest[r.partition()], r.timestamp());
                    copied++;
                }
                long watermark = Arrays.stream(newest).min().orElse(Long.MIN_VALUE);
                while (next < byEnd.length && fingerprints.ends().get(byEnd[next]) + outOfOrderness.toMillis() <= watermark) {
                    ConsumerRecord<byte[], byte[]> f = fingerprints.records().get(byEnd[next]);
                    producer.send(new ProducerRecord<>(fingerprintTopic, null, f.timestamp(), f.key(), f.value()));
                    String uuid = fingerprints.uuids().get(byEnd[next]);
                    released.put(uuid, fingerprints.expected().get(uuid));
                    next++;
                }
            }
            producer.flush();
            return new Result(copied, (System.nanoTime() - t0) / 1e9, released);
        }
    }
}
