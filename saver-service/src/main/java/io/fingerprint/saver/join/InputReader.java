package io.fingerprint.saver.join;

import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
 * A lineage span the {@link TailCache} holds is taken from memory instead: what was read ahead, waiting
 * briefly for the read-ahead to pass its end (the fingerprint is committed after its inputs, so it is
 * close behind at most). What Kafka does not hold (below a partition's first offset, deleted by
 * retention, or beyond its end) is reported to the collector.
 */
final class InputReader {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a batch waits for the read-ahead to reach the ranges it names before reading them from Kafka. */
    private static final long READ_AHEAD_WAIT_NANOS = 2_000_000_000L;

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
    private final TailCache readAhead;
    private final LongAdder spansFromMemory = new LongAdder();
    private final LongAdder spansFromKafka = new LongAdder();

    /** @param readAhead null when reading ahead is off */
    InputReader(Consumer<byte[], byte[]> consumer, String sensorTopic, long outOfOrdernessMs, TailCache readAhead) {
        this.consumer = consumer;
        this.sensorTopic = sensorTopic;
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.readAhead = readAhead;
    }

    /** Partition spans joined from what was read ahead. */
    long spansFromMemory() {
        return spansFromMemory.sum();
    }

    /** Partition spans read from Kafka when their fingerprints came (not read ahead, or joined by time). */
    long spansFromKafka() {
        return spansFromKafka.sum();
    }

    void read(List<PendingFingerprint> batch, InputCollector collector) throws InterruptedException {
        Map<TopicPartition, Span> spans = plan(batch);
        if (readAhead != null) {
            takeFromMemory(spans, collector);
        }
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

    /** Feeds the collector every lineage span the read-ahead holds, and takes it out of {@code spans}. */
    private void takeFromMemory(Map<TopicPartition, Span> spans, InputCollector collector) throws InterruptedException {
        long deadline = System.nanoTime() + READ_AHEAD_WAIT_NANOS;
        for (Iterator<Map.Entry<TopicPartition, Span>> it = spans.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TopicPartition, Span> e = it.next();
            Span span = e.getValue();
            int partition = e.getKey().partition();
            if (span.byTime() || !e.getKey().topic().equals(sensorTopic) || !readAhead.awaitReadPast(partition, span.to, deadline)) {
                continue;
            }
            List<TailChunk> chunks = readAhead.covering(partition, span.from, span.to);
            if (chunks == null) {
                continue; // evicted, or from before it started following
            }
            String key = InputCollector.key(sensorTopic, partition);
            for (TailChunk c : chunks) {
                for (int i = 0; i < c.size(); i++) {
                    long offset = c.offsets[i];
                    if (offset < span.from || offset > span.to) {
                        continue;
                    }
                    if (c.timestamps[i] == TailChunk.REJECTED) {
                        collector.rejectedOne();
                    } else {
                        collector.offerParsed(key, partition, offset, c.equipIds[i], c.timestamps[i], c.raws[i]);
                    }
                }
            }
            spansFromMemory.increment();
            it.remove();
        }
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
