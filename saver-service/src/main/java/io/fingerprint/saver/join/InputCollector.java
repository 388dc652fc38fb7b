package io.fingerprint.saver.join;

import io.fingerprint.formats.fingerprint.InputRange;
import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import io.fingerprint.formats.reading.InvalidReadingException;
import io.fingerprint.formats.reading.ReadingParser;
import io.fingerprint.formats.reading.SensorReading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, record by record, which of a batch of fingerprints each {@code sensor-data} record
 * belongs to, and at the end whether each fingerprint got exactly what it names. No Kafka here:
 * {@link InputReader} feeds it what it reads.
 *
 * <p>A record belongs to a fingerprint when the job's own parser ({@link ReadingParser}, the same
 * rules) accepts it, it is of the fingerprint's equipment, stamped in its window, and either lies in
 * the offset range the fingerprint names for that partition (lineage) or, for a fingerprint without
 * {@code inputs}, anywhere in the scan (by time). Each record is parsed once, however many
 * fingerprints of the batch want its partition.
 */
final class InputCollector {

    /** Where a fingerprint's records from one partition go, and the range they must lie in (null when joined by time). */
    private record Source(InputRange range, InputRecords.Run run) {
    }

    /** One fingerprint of the batch and what it has found so far. */
    private static final class Wanted {
        final PendingFingerprint pending;
        final boolean byTime;
        final Map<String, Source> sources = new HashMap<>(); // "topic-partition" -> its range and records
        final InputRecords records = new InputRecords();
        final List<String> missing = new ArrayList<>();

        Wanted(PendingFingerprint pending) {
            this.pending = pending;
            this.byTime = pending.fingerprint.inputs().isEmpty();
            for (InputRange r : pending.fingerprint.inputs()) {
                sources.put(key(r.topic, r.partition), new Source(r, records.run(r.partition)));
            }
        }

        /** Where a record of this partition goes, or null when the fingerprint wants none from it. */
        Source source(String key, int partition) {
            Source s = sources.get(key);
            if (s == null && byTime) {
                s = new Source(null, records.run(partition));
                sources.put(key, s);
            }
            return s;
        }
    }

    private final ReadingParser parser;
    private final List<Wanted> wanted = new ArrayList<>();
    private final Map<Long, List<Wanted>> byEquipment = new HashMap<>();
    private long held;
    private long rejected;

    InputCollector(List<PendingFingerprint> batch, ReadingParser parser) {
        this.parser = parser;
        for (PendingFingerprint p : batch) {
            Wanted w = new Wanted(p);
            wanted.add(w);
            byEquipment.computeIfAbsent(p.fingerprint.equipNumber(), e -> new ArrayList<>(2)).add(w);
        }
    }

    /** Offers one record of {@code topic}; the reading's event time if the parser accepted it, else -1. */
    long offer(String topic, int partition, long offset, byte[] raw) {
        SensorReading reading;
        try {
            reading = parser.parse(raw);
        } catch (InvalidReadingException e) {
            rejected++;
            return -1;
        }
        List<Wanted> candidates = byEquipment.get(reading.equipId);
        if (candidates != null) {
            offerTo(candidates, key(topic, partition), partition, offset, reading.timestamp, raw);
        }
        return reading.timestamp;
    }

    /**
     * Offers a record parsed as it arrived ({@link ReadAhead}): its equipment and event time.
     * {@code key} is {@link #key}(topic, partition), made once per partition by the caller.
     */
    void offerParsed(String key, int partition, long offset, long equipId, long timestamp, byte[] raw) {
        List<Wanted> candidates = byEquipment.get(equipId);
        if (candidates != null) {
            offerTo(candidates, key, partition, offset, timestamp, raw);
        }
    }

    private void offerTo(List<Wanted> candidates, String key, int partition, long offset, long timestamp, byte[] raw) {
        for (Wanted w : candidates) {
            ReceivedFingerprint f = w.pending.fingerprint;
            if (timestamp < f.startMs() || timestamp >= f.endMs()) {
                continue;
            }
            Source source = w.source(key, partition);
            if (source == null || source.range != null && (offset < source.range.fromOffset || offset > source.range.toOffset)) {
                continue;
            }
            source.run.add(timestamp, raw);
            held++;
        }
    }

    /** Part of a range (or of a partition scanned by time) is not in Kafka: {@code why} says how. */
    void missing(String topic, int partition, long fromOffset, long toOffset, String why) {
        String key = key(topic, partition);
        for (Wanted w : wanted) {
            Source source = w.sources.get(key);
            InputRange range = source == null ? null : source.range;
            if (w.byTime || range != null && range.fromOffset <= toOffset && fromOffset <= range.toOffset) {
                w.missing.add(key + " offsets " + fromOffset + ".." + toOffset + " " + why);
            }
        }
    }

    /** Records held for the batch so far. */
    long held() {
        return held;
    }

    /** Records in the ranges read that the parser rejected (the job dead-lettered them too). */
    long rejected() {
        return rejected;
    }

    /** One request per fingerprint: its records (the writer puts them in event-time order), complete or why not. */
    List<SaveRequest> results() {
        List<SaveRequest> out = new ArrayList<>(wanted.size());
        for (Wanted w : wanted) {
            out.add(new SaveRequest(w.pending.fingerprint, w.records, w.byTime ? SaveRequest.BY_TIME : SaveRequest.BY_LINEAGE,
                    incompleteReason(w), List.copyOf(w.pending.deliveries)));
        }
        return out;
    }

    private static String incompleteReason(Wanted w) {
        List<String> reasons = new ArrayList<>();
        if (!w.missing.isEmpty()) {
            reasons.add("not in Kafka: " + String.join(", ", w.missing));
        }
        for (InputRange r : w.pending.fingerprint.inputs()) {
            long found = w.sources.get(key(r.topic, r.partition)).run.size();
            if (found != r.records) {
                reasons.add("found " + found + " of the " + r.records + " readings in " + key(r.topic, r.partition)
                        + " offsets " + r.fromOffset + ".." + r.toOffset);
            }
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    static String key(String topic, int partition) {
        return topic + "-" + partition;
    }
}
