package io.fingerprint.saver.join;

import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads, for a batch of fingerprints, the {@code sensor-data} records they need, each partition
 * once from the lowest offset any of them needs to the highest: assign, seek, bounded poll.
 * <ul>
 *   <li>A fingerprint with {@code inputs} needs exactly its ranges.</li>
 *   <li>One without (the original pipeline's format) needs, on every partition of {@code sensor-data},
 *       the records from the first stamped at {@code start_ms} minus the out-of-orderness to the first
 *       reading stamped after {@code end_ms} plus it, or the end of the partition as it was when the
 *       scan began.</li>
 * </ul>
 * (Fingerprints whose ranges were all read ahead never come here: {@link HeldInputs}.) What Kafka does not hold (below a partition's first offset, deleted by
 * retention, or beyond its end) is reported to the collector.
 */
final class InputReader {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Where one partition is read: [from, to] inclusive; by-time scans also stop after a reading stamped past stopAfter. */
    private static final class Span {
        long from = Long.MAX_VALUE;
        long to = -1;
        long stopAfter = Long.MIN_VALUE; // by time: the latest end_ms + out-of-orderness wanted here
        long lineageTo = -1;             // the highest offset a lineage range needs

        boolean byTime() {
            return stopAfter != Long.MIN_VALUE;
        }
    }

    private final Consumer<byte[], byte[]> consumer;
    private final String sensorTopic;
    private final long outOfOrdernessMs;
    private final LongAdder spansFromKafka = new LongAdder();

    InputReader(Consumer<byte[], byte[]> consumer, String sensorTopic, long outOfOrdernessMs) {
        this.consumer = consumer;
        this.sensorTopic = sensorTopic;
        this.outOfOrdernessMs = outOfOrdernessMs;
    }

    /** Partition spans read from Kafka when their fingerprints came (not read ahead, or joined by time). */
    long spansFromKafka() {
        return spansFromKafka.sum();
    }

    void read(List<PendingFingerprint> batch, InputCollector collector) {
        Map<TopicPartition, Span> spans = plan(batch);
        if (spans.isEmpty()) {
            return;
        }
        spansFromKafka.add(spans.size());
        List<TopicPartition> partitions = new ArrayList<>(spans.keySet());
        consumer.assign(partitions);
        Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions, KAFKA_TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
        List<TopicPartition> open = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Span span = spans.get(tp);
            long earliest = first.getOrDefault(tp, 0L);
            long end = ends.getOrDefault(tp, 0L);
            if (span.from < earliest) {
                collector.missing(tp.topic(), tp.partition(), span.from, Math.min(earliest - 1, span.to),
                        "(deleted: the partition starts at " + earliest + ", retention)");
                span.from = earliest;
            }
            if (span.to >= end) {
                // Named but not in the partition (recreated or truncated topic): reading on would wait forever.
                collector.missing(tp.topic(), tp.partition(), Math.max(end, span.from), span.to,
                        "(beyond the end of the partition, " + end + ")");
                span.to = end - 1;
            }
            if (span.from <= span.to) {
                consumer.seek(tp, span.from);
                open.add(tp);
            }
        }
        while (!open.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                Span span = spans.get(tp);
                if (span == null || r.offset() > span.to || !open.contains(tp)) {
                    continue;
                }
                long stamped = collector.offer(r.topic(), r.partition(), r.offset(), r.value());
                if (span.byTime() && stamped > span.stopAfter && r.offset() >= span.lineageTo) {
                    span.to = r.offset(); // the first reading past every by-time window here: done
                }
            }
            // Done once the position is past the span (transaction markers and aborted records are skipped, not returned).
            List<TopicPartition> done = new ArrayList<>();
            for (TopicPartition tp : open) {
                if (consumer.position(tp, KAFKA_TIMEOUT) > spans.get(tp).to) {
                    done.add(tp);
                }
            }
            if (!done.isEmpty()) {
                open.removeAll(done);
                consumer.pause(done);
            }
        }
        consumer.assign(List.of());
    }

    private Map<TopicPartition, Span> plan(List<PendingFingerprint> batch) {
        Map<TopicPartition, Span> spans = new HashMap<>();
        List<ReceivedFingerprint> byTime = new ArrayList<>();
        for (PendingFingerprint p : batch) {
            if (!p.fingerprint.hasLineage()) {
                byTime.add(p.fingerprint);
                continue;
            }
            for (InputRange r : p.fingerprint.inputs()) {
                Span span = spans.computeIfAbsent(new TopicPartition(r.topic, r.partition), tp -> new Span());
                span.from = Math.min(span.from, r.fromOffset);
                span.to = Math.max(span.to, r.toOffset);
                span.lineageTo = Math.max(span.lineageTo, r.toOffset);
            }
        }
        if (!byTime.isEmpty()) {
            planByTime(byTime, spans);
        }
        return spans;
    }

    private void planByTime(List<ReceivedFingerprint> fingerprints, Map<TopicPartition, Span> spans) {
        List<PartitionInfo> infos = consumer.partitionsFor(sensorTopic, KAFKA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            return;
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(sensorTopic, i.partition())).toList();
        long earliestStart = fingerprints.stream().mapToLong(ReceivedFingerprint::startMs).min().orElseThrow();
        long latestStop = fingerprints.stream().mapToLong(ReceivedFingerprint::endMs).max().orElseThrow() + outOfOrdernessMs;
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, Math.max(0, earliestStart - outOfOrdernessMs)));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, KAFKA_TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
        for (TopicPartition tp : partitions) {
            long end = ends.getOrDefault(tp, 0L);
            OffsetAndTimestamp at = starts.get(tp);
            long from = at == null ? end : at.offset();
            if (from >= end) {
                continue; // nothing stamped that late yet
            }
            Span span = spans.computeIfAbsent(tp, t -> new Span());
            span.from = Math.min(span.from, from);
            span.to = Math.max(span.to, end - 1);
            span.stopAfter = Math.max(span.stopAfter, latestStop);
        }
    }
}
