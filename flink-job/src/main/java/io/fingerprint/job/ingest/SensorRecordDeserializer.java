package io.fingerprint.job.ingest;

import io.fingerprint.formats.reading.SensorReading;
import io.fingerprint.formats.reading.InvalidReadingException;
import io.fingerprint.formats.reading.ReadingParser;
import io.fingerprint.job.output.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each {@code sensor-data} record into a {@link ParsedRecord} and never throws. A record
 * with rejected values (text, NaN, out of range, a boolean, an object) gives two: the reading with its
 * good values, and a dead letter of the raw record naming what was dropped.
 *
 * <p>Parsing happens here, inside the source, so that the event timestamp is known where Flink
 * tracks watermarks per Kafka partition: a partition that lags behind (after a restart, say) then
 * holds the watermark back instead of seeing its readings dropped as late. A deserializer that threw
 * would fail the source and replay the same record forever, so every problem, even an unexpected
 * one, becomes a rejected record bound for the dead-letter topic.
 */
public final class SensorRecordDeserializer implements KafkaRecordDeserializationSchema<ParsedRecord> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SensorRecordDeserializer.class);
    private static final long WARN_INTERVAL_MS = 10_000;
    /** Dead letters keep at most this much of a payload. */
    static final int MAX_DEAD_LETTER_PAYLOAD_CHARS = 64 * 1024;

    private final int maxPayloadBytes;
    private final long maxFutureMs;

    private transient ReadingParser parser;
    private transient Counter readings;
    private transient Counter rejectedRecords;
    private transient Counter rejectedValues;
    private transient Counter nullValues;
    private transient long lastWarnAt;
    private transient long rejectedSinceWarn;

    public SensorRecordDeserializer(int maxPayloadBytes, long maxFutureMs) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxFutureMs = maxFutureMs;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        parser = new ReadingParser(maxPayloadBytes, maxFutureMs, System::currentTimeMillis);
        var metrics = context.getMetricGroup();
        readings = metrics.counter("readings");
        rejectedRecords = metrics.counter("rejectedRecords");
        rejectedValues = metrics.counter("rejectedValues");
        nullValues = metrics.counter("nullValues");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) {
        String reason;
        try {
            SensorReading reading = parser.parse(record.value());
            readings.inc();
            rejectedValues.inc(parser.rejectedValues());
            nullValues.inc(parser.nullValues());
            out.collect(ParsedRecord.accepted(reading).from(record.topic(), record.partition(), record.offset()));
            if (parser.rejectedValues() > 0) {
                // Its good values count; the record also goes to the dead-letter topic, raw, saying what was dropped.
                out.collect(ParsedRecord.rejected(new DeadLetter(parser.rejectedValuesReason(), payloadText(record.value()),
                        record.topic(), record.partition(), record.offset(), reading.timestamp))
                        .from(record.topic(), record.partition(), record.offset()));
            }
            return;
        } catch (InvalidReadingException e) {
            reason = e.reason();
        } catch (RuntimeException e) {
            // a parser bug must not stop the pipeline: dead-letter the record and say so once
            reason = "unexpected parse error: " + e;
            LOG.error("Unexpected error parsing {}-{} offset {}", record.topic(), record.partition(), record.offset(), e);
        }
        rejectedRecords.inc();
        warnRateLimited(record, reason);
        out.collect(ParsedRecord.rejected(new DeadLetter(reason, payloadText(record.value()), record.topic(),
                record.partition(), record.offset(), record.timestamp())).from(record.topic(), record.partition(), record.offset()));
    }

    private void warnRateLimited(ConsumerRecord<?, ?> record, String reason) {
        rejectedSinceWarn++;
        long now = System.currentTimeMillis();
        if (now - lastWarnAt >= WARN_INTERVAL_MS) {
            LOG.warn("Rejected {} sensor-data record(s) since the last report, sent to the dead-letter topic; latest: {}-{} offset {}: {}",
                    rejectedSinceWarn, record.topic(), record.partition(), record.offset(), reason);
            lastWarnAt = now;
            rejectedSinceWarn = 0;
        }
    }

    static String payloadText(byte[] value) {
        if (value == null) {
            return "";
        }
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() > MAX_DEAD_LETTER_PAYLOAD_CHARS ? text.substring(0, MAX_DEAD_LETTER_PAYLOAD_CHARS) : text;
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }
}
