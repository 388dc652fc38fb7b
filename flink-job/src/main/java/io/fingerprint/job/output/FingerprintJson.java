package io.fingerprint.job.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fingerprint.job.stats.SensorSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON of the {@code fingerprint-output} and dead-letter topics, written with Jackson's
 * streaming generator (field names as the original pipeline had them).
 */
public final class FingerprintJson {

    private static final JsonFactory JSON = new JsonFactory();

    private FingerprintJson() {
    }

    /**
     * {@code {"fingerprint":{"uuid":…,"equip_id":"110","type":"kiln","start_ms":…,"end_ms":…,
     * "data":{"0001":{"min":…,"max":…,"median":…,"mean":…,"std_dev":…,"count":…}}}}}
     */
    public static byte[] fingerprint(Fingerprint f) {
        return write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("fingerprint");
            g.writeStringField("uuid", f.uuid);
            g.writeStringField("equip_id", Long.toString(f.equipId));
            g.writeStringField("type", f.type);
            g.writeNumberField("start_ms", f.startMs);
            g.writeNumberField("end_ms", f.endMs);
            g.writeObjectFieldStart("data");
            for (SensorSummary s : f.sensors) {
                g.writeObjectFieldStart(s.sensorId);
                g.writeNumberField("min", s.min);
                g.writeNumberField("max", s.max);
                g.writeNumberField("median", s.median);
                g.writeNumberField("mean", s.mean);
                g.writeNumberField("std_dev", s.stdDev);
                g.writeNumberField("count", s.count);
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** {@code {"reason":…,"source_topic":…,"partition":…,"offset":…,"timestamp":…,"payload":…}} */
    public static byte[] deadLetter(DeadLetter d) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("reason", d.reason);
            g.writeStringField("source_topic", d.sourceTopic);
            g.writeNumberField("partition", d.partition);
            g.writeNumberField("offset", d.offset);
            g.writeNumberField("timestamp", d.timestamp);
            g.writeStringField("payload", d.payload);
            g.writeEndObject();
        });
    }

    /** A reading in the input format, for readings that reach the dead-letter topic as late. */
    public static String reading(long equipId, long timestamp, String[] sensorIds, double[] values) {
        return new String(write(g -> {
            g.writeStartObject();
            g.writeNumberField("equip_id", equipId);
            g.writeNumberField("timestamp", timestamp);
            g.writeObjectFieldStart("data");
            for (int i = 0; i < sensorIds.length; i++) {
                g.writeStringField(sensorIds[i], Double.toString(values[i]));
            }
            g.writeEndObject();
            g.writeEndObject();
        }), java.nio.charset.StandardCharsets.UTF_8);
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to memory", e);
        }
        return out.toByteArray();
    }
}
